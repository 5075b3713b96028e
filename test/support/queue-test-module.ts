import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import { QueueConsumer, QueueMessageHandler } from '../../src/common/queue/queue-consumer';
import { QueueDefinition } from '../../src/common/queue/queue-definition';
import { QueueMessage } from '../../src/common/queue/queue.port';
import { EXTRA_QUEUE_DEFINITIONS } from '../../src/infrastructure/queue/queue-policy';

/** A queue only tests use, so it never collides with a real module's consumer. */
export const TEST_QUEUE = 'test-echo';

export const TEST_QUEUE_DEFINITION: QueueDefinition = {
  name: TEST_QUEUE,
  visibilityTimeoutSeconds: 5,
  maxAttempts: 2,
  backoff: { initialSeconds: 0, maxSeconds: 0 },
};

export interface EchoBody {
  text: string;
  /** The consumer throws on these attempts. */
  failOn?: number[];
}

/** Records what it handled; fails on request. Prints a line per message for child-process tests. */
@Injectable()
@QueueConsumer(TEST_QUEUE)
export class EchoConsumer implements QueueMessageHandler<EchoBody> {
  readonly handled: QueueMessage<EchoBody>[] = [];

  async handle(message: QueueMessage<EchoBody>): Promise<void> {
    if (message.body.failOn?.includes(message.attempt)) throw new Error(`echo failure on attempt ${message.attempt}`);
    this.handled.push(message);
    if (process.env.ECHO_TO_STDOUT) process.stdout.write(`echo handled ${message.id} ${JSON.stringify(message.body)}\n`);
  }
}

@Global()
@Module({
  providers: [EchoConsumer, { provide: EXTRA_QUEUE_DEFINITIONS, useValue: [TEST_QUEUE_DEFINITION] }],
  exports: [EchoConsumer, EXTRA_QUEUE_DEFINITIONS],
})
export class QueueTestModule {}

/** The whole app plus the test queue and its consumer. */
export function appWithTestQueue(env: Record<string, string | undefined>): DynamicModule {
  @Module({})
  class TestRootModule {}
  return { module: TestRootModule, imports: [AppModule.forRoot(env), QueueTestModule] };
}
