import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ChangeRelay } from '../infrastructure/change-feed/change-relay.service';
import { observeInvocation } from '../infrastructure/observability/observe-invocation';
import { lambdaContext } from './lambda-context';
import type { ContextFactory } from './worker';

const createContext: ContextFactory = () => NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

/** Well within the function's timeout, and long enough for a function relaying its own batch to hand the lease over. */
const LEASE_WAIT_MS = 20_000;

/**
 * The sweep of the change outbox on Lambda, run by a schedule every minute. Every function
 * relays the changes it commits before returning (runInvocation); this sends on whatever
 * that left in the outbox: a relay that failed, a function that timed out or crashed after
 * its commit, or one that gave up waiting for the lease.
 */
export function createChangeRelayHandler(create: ContextFactory = createContext) {
  const context = lambdaContext(create);
  const handler = async (): Promise<{ drained: boolean }> => {
    const app = await context.app();
    return observeInvocation(app, async () => ({ drained: await app.get(ChangeRelay).drain(LEASE_WAIT_MS) }));
  };
  return { handler, close: context.close };
}

const { handler, close } = createChangeRelayHandler();
export { handler, close as closeChangeRelayHandler };
