import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';
import { deadLetterQueueOf, QUEUE_DEFINITIONS, QueueDefinition } from '../../common/queue/queue-definition';
import {
  DEAD_LETTER_ATTEMPTS_ATTRIBUTE,
  DEAD_LETTER_ERROR_ATTRIBUTE,
  MessageAttributes,
  Queue,
  QueueDepth,
  QueueMessage,
  ReceiveOptions,
  RetryOutcome,
  SendOptions,
} from '../../common/queue/queue.port';
import { backoffSeconds, definitionOf, groupOf } from './queue-policy';
import { runSql } from '../database/run-sql';
import { CronFires, initCronState } from './cron-fires';

export interface PostgresQueueOptions {
  definitions?: readonly QueueDefinition[];
  /** Jitter source for retry backoff; tests pin it. */
  random?: () => number;
  /**
   * How often a waiting receive re-checks the table: the latency for messages sent by
   * other processes, and for delayed or expired-visibility messages coming due.
   */
  pollIntervalMs?: number;
}

interface MessageRow {
  id: string;
  body: unknown;
  attributes: MessageAttributes;
  attempt: number;
  sent_at: Date;
}

const INSERT = `
  INSERT INTO queue_messages (id, queue, body, attributes, deduplication_id, visible_at, group_id)
  VALUES ($1, $2, $3, $4, $5, now() + $6::float8 * interval '1 second', $7)
  ON CONFLICT (queue, deduplication_id) WHERE deduplication_id IS NOT NULL DO NOTHING
  RETURNING id`;

// One statement claims a batch: concurrent receivers skip each other's locked rows, and
// every claimed row gets a new attempt number, which invalidates older receipts. A grouped
// message waits while an earlier member of its group is on the queue in any state (waiting,
// in flight, or hidden for a retry); acking or dead-lettering that member frees the group.
const CLAIM = `
  UPDATE queue_messages SET attempt = attempt + 1, visible_at = now() + $3::float8 * interval '1 second'
  WHERE id IN (
    SELECT id FROM queue_messages m WHERE queue = $1 AND visible_at <= now()
      AND (group_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM queue_messages e WHERE e.queue = m.queue AND e.group_id = m.group_id AND e.seq < m.seq))
    ORDER BY visible_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING id, body, attributes, attempt, sent_at`;

const DEAD_LETTER = `
  UPDATE queue_messages SET queue = $3, visible_at = now(), deduplication_id = NULL, last_error = $4,
    attributes = attributes || jsonb_build_object('${DEAD_LETTER_ERROR_ATTRIBUTE}', $4::text, '${DEAD_LETTER_ATTEMPTS_ATTRIBUTE}', attempt::text)
  WHERE id = $1 AND attempt = $2`;

const DEPTH = `
  SELECT count(*) FILTER (WHERE queue = $1 AND visible_at <= now()) AS visible,
         count(*) FILTER (WHERE queue = $1 AND visible_at > now() AND attempt > 0) AS in_flight,
         count(*) FILTER (WHERE queue = $1 AND visible_at > now() AND attempt = 0) AS delayed,
         count(*) FILTER (WHERE queue = $2) AS dead_lettered,
         coalesce(extract(epoch FROM now() - min(sent_at) FILTER (WHERE queue = $1)), 0) AS oldest
  FROM queue_messages WHERE queue IN ($1, $2)`;

/** Longest a dead-letter reason is kept: enough for a stack trace's head. */
const MAX_ERROR_LENGTH = 4000;

/**
 * The embedded queue: rows in `queue_messages`, every operation one SQL statement, times
 * from the database clock so that several processes on one Postgres agree.
 * A long-polling receive wakes at once for a send in this process and otherwise re-polls
 * every `pollIntervalMs`.
 */
export class PostgresQueueAdapter implements Queue, CronFires {
  private readonly definitions: readonly QueueDefinition[];
  private readonly random: () => number;
  private readonly pollIntervalMs: number;
  private readonly sends = new EventEmitter().setMaxListeners(0);
  /** Per-queue send counter: a send that lands while a receive runs its query is not missed. */
  private readonly sendCounts = new Map<string, number>();
  private readonly pendingAcks: { queue: string; id: string; attempt: number; resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly db: DataSource,
    options: PostgresQueueOptions = {},
  ) {
    this.definitions = options.definitions ?? QUEUE_DEFINITIONS;
    this.random = options.random ?? Math.random;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  async send<T>(queue: string, body: T, options: SendOptions = {}): Promise<string> {
    const group = groupOf(definitionOf(this.definitions, queue), options);
    const id = randomUUID();
    const delay = options.delaySeconds ?? 0;
    const params = [id, queue, JSON.stringify(body ?? null), options.attributes ?? {}, options.deduplicationId ?? null, delay, group ?? null];
    for (;;) {
      const { rows: inserted } = await runSql<{ id: string }>(this.db, INSERT, params);
      if (inserted.length > 0) {
        if (delay <= 0) this.notify(queue);
        return id;
      }
      const { rows: existing } = await runSql<{ id: string }>(
        this.db,
        `SELECT id FROM queue_messages WHERE queue = $1 AND deduplication_id = $2`,
        [queue, options.deduplicationId],
      );
      // Empty when the duplicate was acked between the two statements: insert again.
      if (existing.length > 0) return existing[0].id;
    }
  }

  /**
   * Enqueues one cron fire unless this or another process already did: the schedule's
   * state row moves forward and the message is inserted in the same statement.
   */
  async sendCronFire(name: string, fireAt: Date, queue: string, body: unknown, attributes: MessageAttributes): Promise<boolean> {
    definitionOf(this.definitions, queue);
    const { rows } = await runSql(
      this.db,
      `WITH claimed AS (
         UPDATE queue_cron_state SET last_fire_at = $2 WHERE name = $1 AND last_fire_at < $2 RETURNING name)
       INSERT INTO queue_messages (id, queue, body, attributes, visible_at)
       SELECT $3, $4, $5, $6, now() FROM claimed
       RETURNING id`,
      [name, fireAt, randomUUID(), queue, JSON.stringify(body ?? null), attributes],
    );
    if (rows.length > 0) this.notify(queue);
    return rows.length > 0;
  }

  initCronState(name: string, fireAt: Date): Promise<Date> {
    return initCronState(this.db, name, fireAt);
  }

  async receive<T = unknown>(queue: string, options: ReceiveOptions): Promise<QueueMessage<T>[]> {
    const definition = definitionOf(this.definitions, queue);
    const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
    for (;;) {
      const sendsBefore = this.sendCounts.get(queue) ?? 0;
      const messages = await this.claim<T>(queue, definition, options.maxMessages);
      const remaining = deadline - Date.now();
      if (messages.length > 0 || remaining <= 0 || options.signal?.aborted) return messages;
      if ((this.sendCounts.get(queue) ?? 0) === sendsBefore) {
        await this.waitForSend(queue, Math.min(remaining, this.pollIntervalMs), options.signal);
      }
    }
  }

  /**
   * Acks issued together (a batch's handlers finishing, Promise.all) share one DELETE:
   * on PGlite's single connection the statement count is the throughput.
   */
  ack(message: QueueMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingAcks.push({ queue: message.queue, ...parseReceipt(message.receipt), resolve, reject });
      if (this.pendingAcks.length === 1) setImmediate(() => void this.flushAcks());
    });
  }

  private async flushAcks(): Promise<void> {
    const acks = this.pendingAcks.splice(0);
    try {
      await runSql(
        this.db,
        `DELETE FROM queue_messages q USING unnest($1::uuid[], $2::int[]) AS a(id, attempt) WHERE q.id = a.id AND q.attempt = a.attempt`,
        [acks.map((a) => a.id), acks.map((a) => a.attempt)],
      );
      for (const a of acks) a.resolve();
      this.notifyFreedGroups(acks.map((a) => a.queue));
    } catch (error) {
      for (const a of acks) a.reject(error);
    }
  }

  async retry(message: QueueMessage, error: string): Promise<RetryOutcome> {
    const { id, attempt } = parseReceipt(message.receipt);
    const definition = definitionOf(this.definitions, message.queue);
    if (attempt >= definition.maxAttempts) {
      return (await this.deadLetter(message.queue, id, attempt, error)) ? { outcome: 'dead-lettered' } : { outcome: 'stale' };
    }
    const delaySeconds = backoffSeconds(definition, attempt, this.random);
    const { rowCount: updated } = await runSql(
      this.db,
      `UPDATE queue_messages SET visible_at = now() + $3::float8 * interval '1 second', last_error = $4
       WHERE id = $1 AND attempt = $2`,
      [id, attempt, delaySeconds, truncate(error)],
    );
    return updated > 0 ? { outcome: 'retried', delaySeconds } : { outcome: 'stale' };
  }

  async depth(queue: string): Promise<QueueDepth> {
    const {
      rows: [row],
    } = await runSql<Record<'visible' | 'in_flight' | 'delayed' | 'dead_lettered' | 'oldest', string>>(this.db, DEPTH, [
      queue,
      deadLetterQueueOf(queue),
    ]);
    // count(*) is bigint and extract() numeric: node-postgres hands both over as strings.
    return {
      visible: Number(row.visible),
      inFlight: Number(row.in_flight),
      delayed: Number(row.delayed),
      deadLettered: Number(row.dead_lettered),
      oldestAgeSeconds: Number(row.oldest),
    };
  }

  private async claim<T>(queue: string, definition: QueueDefinition, maxMessages: number): Promise<QueueMessage<T>[]> {
    const { rows } = await runSql<MessageRow>(this.db, CLAIM, [queue, maxMessages, definition.visibilityTimeoutSeconds]);
    const messages: QueueMessage<T>[] = [];
    for (const row of rows) {
      // Delivered maxAttempts times and never acked or retried: its consumer keeps dying
      // on it. Dead-letter it here, as SQS's redrive policy would.
      if (row.attempt > definition.maxAttempts) {
        await this.deadLetter(queue, row.id, row.attempt, `not acked after ${definition.maxAttempts} deliveries`);
        continue;
      }
      messages.push({
        id: row.id,
        queue,
        body: row.body as T,
        attributes: row.attributes,
        attempt: row.attempt,
        receipt: `${row.id}:${row.attempt}`,
        sentAt: row.sent_at,
      });
    }
    return messages;
  }

  private async deadLetter(queue: string, id: string, attempt: number, error: string): Promise<boolean> {
    const dlq = deadLetterQueueOf(queue);
    const { rowCount: moved } = await runSql(this.db, DEAD_LETTER, [id, attempt, dlq, truncate(error)]);
    if (moved > 0) {
      this.notify(dlq);
      this.notifyFreedGroups([queue]);
    }
    return moved > 0;
  }

  /** The next member of a group becomes claimable only when the one before leaves the queue. */
  private notifyFreedGroups(queues: readonly string[]): void {
    for (const queue of new Set(queues)) if (definitionOf(this.definitions, queue).ordered) this.notify(queue);
  }

  private notify(queue: string): void {
    this.sendCounts.set(queue, (this.sendCounts.get(queue) ?? 0) + 1);
    this.sends.emit(queue);
  }

  private waitForSend(queue: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sends.off(queue, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sends.on(queue, done);
      signal?.addEventListener('abort', done);
    });
  }
}

function parseReceipt(receipt: string): { id: string; attempt: number } {
  const at = receipt.lastIndexOf(':');
  return { id: receipt.slice(0, at), attempt: Number(receipt.slice(at + 1)) };
}

const truncate = (error: string) => (error.length > MAX_ERROR_LENGTH ? error.slice(0, MAX_ERROR_LENGTH) : error);
