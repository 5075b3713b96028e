import { INestApplicationContext } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ChangeRelay } from '../infrastructure/change-feed/change-relay.service';
import { observeInvocation } from '../infrastructure/observability/observe-invocation';
import type { ContextFactory } from './worker';

export interface LambdaContext {
  /** The context, built on the first call and reused while the container lives; a failed boot is retried on the next call. */
  app(): Promise<INestApplicationContext>;
  /** Closes it; the next call boots a new one. */
  close(): Promise<void>;
}

export function lambdaContext(create: ContextFactory): LambdaContext {
  let cached: Promise<INestApplicationContext> | undefined;
  const boot = async () => {
    const app = await create();
    app.useLogger(app.get(PinoLogger));
    await app.init();
    return app;
  };
  return {
    app: () =>
      (cached ??= boot().catch((error: unknown) => {
        cached = undefined;
        throw error;
      })),
    close: async () => {
      const current = cached;
      cached = undefined;
      await (await current?.catch(() => undefined))?.close();
    },
  };
}

/**
 * One invocation of a Lambda entrypoint: traced and its metrics flushed (observeInvocation),
 * and the changes it committed relayed before it returns, since no relay loop runs in a
 * container that is frozen between invocations. What that leaves behind, the scheduled
 * change-relay function sends on.
 */
export function runInvocation<T>(app: INestApplicationContext, work: () => Promise<T>): Promise<T> {
  return observeInvocation(app, () => app.get(ChangeRelay).relayAfter(work));
}
