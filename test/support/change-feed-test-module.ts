import { Global, Injectable, Module } from '@nestjs/common';
import type { ChangeEvent } from '../../src/common/change-feed/change-event';
import { ChangeSubscriber, changeQueueOf, SubscribeToChanges } from '../../src/common/change-feed/change-subscriber';
import { QueueDefinition } from '../../src/common/queue/queue-definition';
import { EXTRA_CHANGE_SUBSCRIBERS } from '../../src/infrastructure/change-feed/change-subscriber-list';
import { EXTRA_QUEUE_DEFINITIONS } from '../../src/infrastructure/queue/queue-policy';

/** A subscriber only tests use, beside the app's own. */
export const TEST_SUBSCRIBER = 'test';

const TEST_SUBSCRIBER_QUEUE: QueueDefinition = {
  name: changeQueueOf(TEST_SUBSCRIBER),
  visibilityTimeoutSeconds: 10,
  maxAttempts: 5,
  backoff: { initialSeconds: 0.2, maxSeconds: 0.5 },
  ordered: true,
};

const keyOf = (c: ChangeEvent) => `${c.entity}:${c.tenantId}:${c.key}`;

/**
 * Records every batch it is handed and applies a change only when it is newer than what it
 * holds for the key, as real subscribers must. failNextBatch makes matching batches throw.
 */
@Injectable()
@SubscribeToChanges(TEST_SUBSCRIBER)
export class RecordingSubscriber implements ChangeSubscriber {
  /** Every change handed over, failed batches and duplicates included. */
  readonly received: ChangeEvent[] = [];
  /** The changes applied, in the order applied. */
  readonly applied: ChangeEvent[] = [];
  private readonly held = new Map<string, number>();
  private failing?: { when: (changes: readonly ChangeEvent[]) => boolean; times: number };

  /** The next `times` batches `when` matches throw. */
  failNextBatch(when: (changes: readonly ChangeEvent[]) => boolean, times = 1): void {
    this.failing = { when, times };
  }

  async handleChanges(changes: readonly ChangeEvent[]): Promise<void> {
    this.received.push(...changes);
    if (this.failing && this.failing.times > 0 && this.failing.when(changes)) {
      this.failing.times--;
      throw new Error('test subscriber failure');
    }
    for (const change of changes) {
      if ((this.held.get(keyOf(change)) ?? 0) >= change.version) continue;
      this.held.set(keyOf(change), change.version);
      this.applied.push(change);
    }
  }

  appliedOf(entity: ChangeEvent['entity'], tenantId: string, key: string): ChangeEvent[] {
    return this.applied.filter((c) => keyOf(c) === `${entity}:${tenantId}:${key}`);
  }
}

@Global()
@Module({
  providers: [
    RecordingSubscriber,
    { provide: EXTRA_QUEUE_DEFINITIONS, useValue: [TEST_SUBSCRIBER_QUEUE] },
    { provide: EXTRA_CHANGE_SUBSCRIBERS, useValue: [TEST_SUBSCRIBER] },
  ],
  exports: [RecordingSubscriber, EXTRA_QUEUE_DEFINITIONS, EXTRA_CHANGE_SUBSCRIBERS],
})
export class ChangeFeedTestModule {}
