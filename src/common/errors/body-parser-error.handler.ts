import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { isBodyParserError, toErrorBody } from './error-body';

/**
 * Answers body-parser failures (bad JSON, too large) in the shared error shape before
 * Nest rewraps them and loses which failure it was, or echoes parser internals.
 */
export function bodyParserErrorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!isBodyParserError(error)) return next(error);
  const body = toErrorBody(error, requestIdOf(req));
  res.status(body.statusCode).json(body);
}
