import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QUEUE, QueueMessage } from '../../common/queue/queue.port';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CronScheduler } from './cron-scheduler.service';
import { QueueConsumerRegistry } from './queue-consumer.registry';

/** SQS's longest long poll; the embedded queue re-polls inside it, and stop() cuts it short. */
const LONG_POLL_SECONDS = 20;
/** Below ECS's default 30 s stop timeout, so the database still closes cleanly after. */
const STOP_TIMEOUT_MS = 20_000;
const RECEIVE_ERROR_PAUSE_MS = 1_000;

/**
 * Runs every @QueueConsumer: one receive loop per consumed queue, keeping up to
 * `worker.concurrency` messages of that queue in flight. Success acks; a throw retries
 * (backoff, then the dead-letter queue). Entrypoints start it explicitly (main.ts in
 * in-process mode, workers/worker.ts); the Lambda SQS handler never does.
 */
@Injectable()
export class QueueWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorker.name);
  private abort?: AbortController;
  private loops: Promise<void>[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(QUEUE) private readonly queue: Queue,
    private readonly registry: QueueConsumerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly cron?: CronScheduler,
  ) {}

  get running(): boolean {
    return this.abort !== undefined && !this.abort.signal.aborted;
  }

  start(): void {
    if (this.running) return;
    const abort = (this.abort = new AbortController());
    const queues = this.registry.queues();
    this.loops = queues.map((queue) => this.poll(queue, abort.signal));
    this.cron?.start();
    this.logger.log(`Queue worker started: ${queues.length ? queues.join(', ') : 'no consumers'} (concurrency ${this.config.worker.concurrency} per queue)`);
  }

  /** Stops receiving, then waits (bounded) for the handlers in flight to finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.abort?.abort();
    this.cron?.stop();
    const drained = Promise.all([...this.loops, ...this.inFlight]).then(() => true);
    const done = await Promise.race([drained, sleep(STOP_TIMEOUT_MS, false, { ref: false })]);
    if (!done) this.logger.warn(`Stopped with ${this.inFlight.size} handlers still running; their messages will be redelivered`);
    else this.logger.log('Queue worker stopped');
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async poll(queue: string, signal: AbortSignal): Promise<void> {
    const mine = new Set<Promise<void>>();
    const concurrency = this.config.worker.concurrency;
    while (!signal.aborted) {
      if (mine.size >= concurrency) {
        await Promise.race(mine);
        continue;
      }
      let messages: QueueMessage[];
      try {
        messages = await this.queue.receive(queue, { maxMessages: concurrency - mine.size, waitSeconds: LONG_POLL_SECONDS, signal });
      } catch (error) {
        if (signal.aborted) break;
        this.logger.error({ queue, err: error }, 'Receiving from the queue failed; retrying shortly');
        await sleep(RECEIVE_ERROR_PAUSE_MS, undefined, { ref: false });
        continue;
      }
      for (const message of messages) {
        const handling = this.handle(message).finally(() => {
          mine.delete(handling);
          this.inFlight.delete(handling);
        });
        mine.add(handling);
        this.inFlight.add(handling);
      }
    }
  }

  private async handle(message: QueueMessage): Promise<void> {
    const fields = { queue: message.queue, messageId: message.id, attempt: message.attempt };
    try {
      await this.registry.dispatch(message.queue, message);
    } catch (error) {
      try {
        const result = await this.queue.retry(message, describe(error));
        this.logger.warn({ ...fields, ...result, err: error }, 'Queue message failed');
      } catch (retryError) {
        // The message reappears after its visibility timeout: late, but not lost.
        this.logger.error({ ...fields, err: retryError, cause: describe(error) }, 'Queue message failed and could not be retried');
      }
      return;
    }
    try {
      await this.queue.ack(message);
    } catch (error) {
      this.logger.error({ ...fields, err: error }, 'Queue message handled but not acked; it will be delivered again');
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
