import type { INestApplicationContext } from '@nestjs/common';
import { METRICS, Metrics } from '../../common/metrics/metrics.port';
import { mintTraceId, runWithTraceId, traceIdFromHeaders } from '../../common/tracing/trace-context';

/**
 * One Lambda invocation: it runs under the X-Ray trace Lambda sets for it (_X_AMZN_TRACE_ID;
 * Step Functions passes the execution's own, see the Step Functions engine), else a new one,
 * and the metrics it recorded are flushed before the container may be frozen. Inner scopes
 * (an HTTP request's headers, a queue message's attribute) still set their own trace id.
 */
export async function observeInvocation<T>(app: INestApplicationContext, work: () => Promise<T>): Promise<T> {
  const traceId = traceIdFromHeaders({ 'x-amzn-trace-id': process.env._X_AMZN_TRACE_ID }) ?? mintTraceId();
  try {
    return await runWithTraceId(traceId, work);
  } finally {
    app.get<Metrics>(METRICS).flush();
  }
}
