import { SetMetadata } from '@nestjs/common';
import type { ChangeEvent } from './change-event';

export const CHANGE_SUBSCRIBER = 'mercantil:change-subscriber';

/**
 * Receives the change feed in batches, in order per key. Throwing makes the whole batch
 * come back (queue redelivery, or the stream's batch item failure), so a handler must be
 * idempotent and must never let an older version overwrite a newer one.
 */
export interface ChangeSubscriber {
  handleChanges(changes: readonly ChangeEvent[]): Promise<void>;
}

/**
 * Marks an injectable ChangeSubscriber by one of CHANGE_SUBSCRIBERS (queue-definition.ts).
 * Each subscriber has its own ordered queue, `changes-${name}`, so a slow or failing one
 * never holds back the others.
 */
export const SubscribeToChanges = (name: string) => SetMetadata(CHANGE_SUBSCRIBER, name);

export function changeQueueOf(subscriber: string): string {
  return `changes-${subscriber}`;
}
