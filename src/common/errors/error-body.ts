import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApplicationError, STATUS_BY_KIND } from './application-errors';
import { ErrorResponseDto } from './error-response.dto';

interface HttpLikeError {
  status?: number;
  type?: string;
  message?: string;
}

/** Body-parser errors are http-errors with `status` and a `type` such as entity.parse.failed. */
export function isBodyParserError(error: unknown): error is HttpLikeError & { status: number } {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as HttpLikeError;
  return typeof e.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string';
}

const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON',
  'entity.too.large': 'Request body is too large',
  'encoding.unsupported': 'Unsupported content encoding',
  'charset.unsupported': 'Unsupported charset',
};

/** Turns any thrown value into the API's error body. Unknown errors become an opaque 500. */
export function toErrorBody(error: unknown, requestId: string): ErrorResponseDto {
  let statusCode: number = HttpStatus.INTERNAL_SERVER_ERROR;
  let message = 'Internal server error';
  let details: unknown;

  if (error instanceof HttpException) {
    statusCode = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'string') {
      message = response;
    } else {
      const r = response as { message?: unknown; details?: unknown };
      message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? error.message);
      details = r.details;
    }
  } else if (error instanceof ApplicationError) {
    statusCode = STATUS_BY_KIND[error.kind];
    message = error.message;
    details = error.details;
  } else if (isBodyParserError(error)) {
    statusCode = error.status;
    message = PARSER_MESSAGES[error.type ?? ''] ?? 'Request body could not be read';
  }

  const body: ErrorResponseDto = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    requestId,
  };
  if (details !== undefined) body.details = details;
  return body;
}
