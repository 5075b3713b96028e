import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * The trace id of the work in progress, carried from an HTTP request through queue messages
 * (an attribute) and workflow executions (stored with them) into every log line.
 */
const storage = new AsyncLocalStorage<{ traceId: string }>();

/** The queue message attribute that carries the trace id. */
export const TRACE_ID_ATTRIBUTE = 'mercantil-trace-id';

const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const XRAY_ROOT = /(?:^|;)\s*Root=1-([\da-f]{8})-([\da-f]{24})(?:;|$)/i;

export function currentTraceId(): string | undefined {
  return storage.getStore()?.traceId;
}

export function runWithTraceId<T>(traceId: string, work: () => T): T {
  return storage.run({ traceId }, work);
}

/** A W3C trace id (32 hex digits), which is also an X-Ray root without its `1-` and dash. */
export function mintTraceId(): string {
  return randomBytes(16).toString('hex');
}

export function acceptableTraceId(value: unknown): value is string {
  return typeof value === 'string' && ACCEPTABLE_ID.test(value);
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * The caller's trace: W3C `traceparent`, else the X-Ray `X-Amzn-Trace-Id` root (API Gateway
 * and load balancers add one), else a sane `X-Request-Id`; undefined when there is none.
 */
export function traceIdFromHeaders(headers: Headers): string | undefined {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const w3c = TRACEPARENT.exec(header('traceparent')?.trim().toLowerCase() ?? '');
  if (w3c && !/^0+$/.test(w3c[1])) return w3c[1];
  const xray = XRAY_ROOT.exec(header('x-amzn-trace-id') ?? '');
  if (xray) return `${xray[1]}${xray[2]}`.toLowerCase();
  const requestId = header('x-request-id');
  return acceptableTraceId(requestId) ? requestId : undefined;
}

/** The X-Ray form of a W3C-shaped trace id, for services that take an X-Ray header (Step Functions). */
export function xrayTraceHeader(traceId: string): string | undefined {
  return /^[\da-f]{32}$/.test(traceId) ? `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)}` : undefined;
}
