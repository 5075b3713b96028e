import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { QUEUE_CONSUMER, QueueMessageHandler } from '../../common/queue/queue-consumer';
import { QueueMessage } from '../../common/queue/queue.port';
import { acceptableTraceId, mintTraceId, runWithTraceId, TRACE_ID_ATTRIBUTE } from '../../common/tracing/trace-context';

export class NoConsumerError extends Error {
  constructor(queue: string) {
    super(`No @QueueConsumer for queue "${queue}"`);
  }
}

/** Finds every provider marked @QueueConsumer(queue) at boot, beside those registered; one consumer per queue. */
@Injectable()
export class QueueConsumerRegistry implements OnModuleInit {
  private readonly logger = new Logger(QueueConsumerRegistry.name);
  private readonly consumers = new Map<string, QueueMessageHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || typeof wrapper.metatype !== 'function') continue;
      const queue = this.reflector.get<string | undefined>(QUEUE_CONSUMER, wrapper.metatype);
      if (queue) this.register(queue, wrapper.instance as QueueMessageHandler);
    }
  }

  /** Adds a consumer that is not a provider of its own (e.g. one per change subscriber). */
  register(queue: string, consumer: QueueMessageHandler): void {
    const existing = this.consumers.get(queue);
    if (existing && existing !== consumer) {
      throw new Error(`Queue "${queue}" has two consumers: ${existing.constructor.name} and ${consumer.constructor.name}`);
    }
    this.consumers.set(queue, consumer);
  }

  /** The queues that have a consumer. */
  queues(): string[] {
    return [...this.consumers.keys()];
  }

  /**
   * Runs the queue's consumer under the trace id the message carries (a new one when it has
   * none, as cron messages do); throws (so the message is retried) when there is no consumer.
   * Both the worker and the SQS Lambda dispatch through here.
   */
  async dispatch(queue: string, message: QueueMessage): Promise<void> {
    const consumer = this.consumers.get(queue);
    if (!consumer) throw new NoConsumerError(queue);
    const carried = message.attributes[TRACE_ID_ATTRIBUTE];
    await runWithTraceId(acceptableTraceId(carried) ? carried : mintTraceId(), async () => {
      this.logger.debug({ queue, messageId: message.id, attempt: message.attempt }, 'Queue message received');
      await consumer.handle(message);
    });
  }
}
