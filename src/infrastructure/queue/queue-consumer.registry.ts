import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { QUEUE_CONSUMER, QueueMessageHandler } from '../../common/queue/queue-consumer';
import { QueueMessage } from '../../common/queue/queue.port';

export class NoConsumerError extends Error {
  constructor(queue: string) {
    super(`No @QueueConsumer for queue "${queue}"`);
  }
}

/** Finds every provider marked @QueueConsumer(queue) at boot; one consumer per queue. */
@Injectable()
export class QueueConsumerRegistry implements OnModuleInit {
  private readonly consumers = new Map<string, QueueMessageHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || typeof wrapper.metatype !== 'function') continue;
      const queue = this.reflector.get<string | undefined>(QUEUE_CONSUMER, wrapper.metatype);
      if (!queue) continue;
      const existing = this.consumers.get(queue);
      if (existing && existing !== wrapper.instance) {
        throw new Error(`Queue "${queue}" has two consumers: ${existing.constructor.name} and ${wrapper.metatype.name}`);
      }
      this.consumers.set(queue, wrapper.instance as QueueMessageHandler);
    }
  }

  /** The queues that have a consumer. */
  queues(): string[] {
    return [...this.consumers.keys()];
  }

  /** Runs the queue's consumer; throws (so the message is retried) when there is none. */
  async dispatch(queue: string, message: QueueMessage): Promise<void> {
    const consumer = this.consumers.get(queue);
    if (!consumer) throw new NoConsumerError(queue);
    await consumer.handle(message);
  }
}
