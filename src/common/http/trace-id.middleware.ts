import type { IncomingMessage, ServerResponse } from 'node:http';
import { runWithTraceId, traceIdFromHeaders } from '../tracing/trace-context';
import { requestIdOf } from './request-id';

export const TRACE_ID_HEADER = 'x-trace-id';

/**
 * Runs the rest of the request under the caller's trace id (traceparent, X-Amzn-Trace-Id or
 * X-Request-Id), else under the request id, and tells the caller which one it was. Mounted
 * after the body parser: a stream's callbacks would otherwise drop the async context.
 */
export function traceIdMiddleware(req: IncomingMessage & { id?: unknown }, res: ServerResponse, next: () => void): void {
  const traceId = traceIdFromHeaders(req.headers) ?? requestIdOf(req);
  res.setHeader(TRACE_ID_HEADER, traceId);
  runWithTraceId(traceId, next);
}
