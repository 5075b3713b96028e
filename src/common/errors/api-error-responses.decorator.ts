import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, invalid or unknown fields',
  401: 'Missing, expired or invalid bearer token',
  404: 'Not found (or owned by another tenant)',
  409: 'Conflicts with the current state or version',
  412: 'If-Match does not match the current version',
  413: 'Request body too large',
  415: 'Unsupported content type',
  422: 'Idempotency-Key reused with a different body',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Unexpected server error',
};

/** Documents the shared error body for the given statuses (401, 429 and 500 always apply). */
export function ApiErrorResponses(...statuses: number[]) {
  const all = [...new Set([...statuses, 401, 429, 500])].sort();
  return applyDecorators(
    ...all.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto })),
  );
}
