import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { changeQueueOf } from '../../common/change-feed/change-subscriber';
import { Queue, QUEUE } from '../../common/queue/queue.port';
import { ChangeOutbox } from './change-outbox';
import { onChangesCommitted } from './change-outbox-writes';
import { toChangeMessages } from './change-messages';
import { CHANGE_SUBSCRIBER_LIST } from './change-subscriber-list';
import { CHANGE_RELAY_LEASE, FeedLease } from './feed-lease';

/** Rows a batch moves: a few messages' worth, sent and deleted well within the lease. */
const BATCH_ROWS = 500;
/** The wait for writes of other processes, which cannot wake this one. */
export const RELAY_POLL_MS = 200;
/**
 * After a wake-up, how long writes may pile up before they are relayed: a burst then travels
 * as a few large messages instead of one per write, which the ordered queues (one message
 * of a tenant at a time) need to keep up. Small against the 1 s write-to-searchable budget.
 */
const RELAY_COALESCE_MS = 20;
/** How long a process without the loop waits for another holder's lease before leaving its changes to the sweep. */
const LEASE_WAIT_MS = 5_000;
const LEASE_RETRY_MS = 50;

/**
 * Moves the change outbox, in id order, to every subscriber's ordered queue: one message per
 * tenant chunk with the tenant as its group, then deletes what it sent. At least once: a
 * crash between the sends and the delete sends the batch again (same changes, same ids),
 * which subscribers absorb by version. One relay at a time across processes (a FeedLease).
 * A write in this process wakes it at once; otherwise it polls every RELAY_POLL_MS.
 */
@Injectable()
export class ChangeRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ChangeRelay.name);
  private abort?: AbortController;
  private loop?: Promise<void>;
  private woken = false;
  private wake?: () => void;
  private unsubscribe?: () => void;

  constructor(
    private readonly db: DataSource,
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(CHANGE_SUBSCRIBER_LIST) private readonly subscribers: readonly string[],
    private readonly outbox: ChangeOutbox,
    @Inject(CHANGE_RELAY_LEASE) private readonly lease: FeedLease,
  ) {}

  start(): void {
    if (this.abort && !this.abort.signal.aborted) return;
    const abort = (this.abort = new AbortController());
    this.unsubscribe = onChangesCommitted(this.db, () => {
      this.woken = true;
      this.wake?.();
    });
    this.loop = this.run(abort.signal);
    this.logger.log(`Change relay started: feeding ${this.subscribers.map(changeQueueOf).join(', ')}`);
  }

  /** Finishes the batch in hand, then hands the lease over. */
  async stop(): Promise<void> {
    if (!this.abort || this.abort.signal.aborted) return;
    this.abort.abort();
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    await this.lease.release().catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release the relay lease'));
    this.logger.log('Change relay stopped');
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /**
   * For a process without the background loop (a Lambda invocation, frozen once it returns):
   * runs `work`, then relays what it committed before returning. When that fails, the changes
   * wait in the outbox for the next drain anywhere (the scheduled sweep at the latest).
   */
  async relayAfter<T>(work: () => Promise<T>): Promise<T> {
    let committed = false;
    const unsubscribe = onChangesCommitted(this.db, () => (committed = true));
    try {
      return await work();
    } finally {
      unsubscribe();
      if (committed) await this.drain(LEASE_WAIT_MS);
    }
  }

  /**
   * Relays the whole outbox once and hands the lease back, waiting up to `leaseWaitMs` for
   * another holder to finish; true when this call emptied it. Never throws: what is left stays
   * in the outbox. A no-op while this process's own loop runs.
   */
  async drain(leaseWaitMs = 0): Promise<boolean> {
    if (this.abort && !this.abort.signal.aborted) return false;
    const deadline = Date.now() + leaseWaitMs;
    try {
      while (!(await this.relayPending())) {
        if (Date.now() >= deadline) {
          this.logger.warn('Another process holds the relay lease; its changes are left for the next drain');
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, LEASE_RETRY_MS));
      }
      return true;
    } catch (error) {
      this.logger.error({ err: error }, 'Relaying changes failed; they stay in the outbox for the next drain');
      return false;
    } finally {
      await this.lease.release().catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release the relay lease'));
    }
  }

  /** Relays everything in the outbox now; false when another process holds the lease. */
  async relayPending(): Promise<boolean> {
    if (await this.outbox.isEmpty()) return true;
    for (;;) {
      if (!(await this.lease.acquire())) return false;
      const batch = await this.outbox.oldest(BATCH_ROWS);
      if (batch.length === 0) return true;
      // One message after another per queue: the queue's send order is the delivery order.
      for (const message of toChangeMessages(batch)) {
        const options = { groupId: message.tenantId, deduplicationId: message.deduplicationId };
        await Promise.all(this.subscribers.map((s) => this.queue.send(changeQueueOf(s), message.body, options)));
      }
      await this.outbox.remove(batch.map((b) => b.id));
      if (batch.length < BATCH_ROWS) return true;
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (this.woken) await new Promise((resolve) => setTimeout(resolve, RELAY_COALESCE_MS));
      this.woken = false;
      try {
        await this.relayPending();
      } catch (error) {
        // Unsent or undeleted changes stay in the outbox: the next round sends them again.
        this.logger.error({ err: error }, 'Relaying changes failed; retrying at the next poll');
      }
      if (!this.woken && !signal.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => this.wake?.(), RELAY_POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            this.wake = undefined;
            resolve();
          };
        });
      }
    }
  }
}
