import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApplicationError, STATUS_BY_KIND } from './application-errors';
import { ErrorResponseDto } from './error-response.dto';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** Body-parser and other connect-style errors carry `status` and `expose`. */
function isExposedHttpError(error: unknown): error is HttpLikeError & { status: number } {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as HttpLikeError;
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && e.expose !== false;
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
  } else if (isExposedHttpError(error)) {
    statusCode = error.status;
    message = PARSER_MESSAGES[error.type ?? ''] ?? error.message ?? 'Bad request';
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
