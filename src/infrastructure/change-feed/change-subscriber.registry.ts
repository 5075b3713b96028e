import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { ChangeEvent } from '../../common/change-feed/change-event';
import { CHANGE_SUBSCRIBER, ChangeSubscriber, changeQueueOf } from '../../common/change-feed/change-subscriber';
import type { QueueMessage } from '../../common/queue/queue.port';
import { QueueConsumerRegistry } from '../queue/queue-consumer.registry';
import type { ChangeBatchBody } from './change-messages';

/**
 * Finds every provider marked @SubscribeToChanges(name) at boot and makes it the consumer
 * of its queue `changes-<name>`, so the queue worker (and, on AWS, the SQS Lambda) hands it
 * each batch; a throw sends the batch back to the queue for a retry. The DynamoDB stream
 * handler delivers to all of them directly.
 */
@Injectable()
export class ChangeSubscriberRegistry implements OnModuleInit {
  private readonly byName = new Map<string, ChangeSubscriber>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly consumers: QueueConsumerRegistry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || typeof wrapper.metatype !== 'function') continue;
      const name = this.reflector.get<string | undefined>(CHANGE_SUBSCRIBER, wrapper.metatype);
      if (!name) continue;
      const existing = this.byName.get(name);
      if (existing === wrapper.instance) continue;
      if (existing) throw new Error(`Change subscriber "${name}" is taken twice: ${existing.constructor.name} and ${wrapper.metatype.name}`);
      const subscriber = wrapper.instance as ChangeSubscriber;
      this.byName.set(name, subscriber);
      this.consumers.register(changeQueueOf(name), {
        handle: (message: QueueMessage) => subscriber.handleChanges((message.body as ChangeBatchBody).changes),
      });
    }
  }

  /** Hands `changes` to every subscriber; throws if any of them throws (after all have run). */
  async deliver(changes: readonly ChangeEvent[]): Promise<void> {
    const results = await Promise.allSettled([...this.byName.values()].map((s) => s.handleChanges(changes)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
