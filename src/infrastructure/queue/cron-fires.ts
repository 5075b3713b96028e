import { DataSource } from 'typeorm';
import type { MessageAttributes, Queue } from '../../common/queue/queue.port';
import { runSql, txSql } from '../database/run-sql';

/** Where the cron scheduler records its schedules' fires and sends their messages. */
export interface CronFires {
  /** Records `fireAt` as a schedule's baseline if it has none yet; returns the stored last fire. */
  initCronState(name: string, fireAt: Date): Promise<Date>;
  /** Sends the fire's message unless that fire (or a later one) was sent already; true when this call sent it. */
  sendCronFire(name: string, fireAt: Date, queue: string, body: unknown, attributes: MessageAttributes): Promise<boolean>;
}

export async function initCronState(db: DataSource, name: string, fireAt: Date): Promise<Date> {
  const { rows } = await runSql<{ last_fire_at: Date }>(
    db,
    `WITH ins AS (INSERT INTO queue_cron_state (name, last_fire_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING last_fire_at)
     SELECT last_fire_at FROM ins UNION ALL SELECT last_fire_at FROM queue_cron_state WHERE name = $1`,
    [name, fireAt],
  );
  return rows[0].last_fire_at;
}

/**
 * Cron fires onto a queue outside the database (SQS in the compose stack, where no EventBridge
 * fires the schedules): the schedule's state row is moved forward, and so locked, in a
 * transaction that commits only once the message is sent. A failed send is retried at the next
 * tick; other workers wait on the row and then find the fire sent. A crash between the send
 * and the commit sends that fire again: at least once, which the cron consumers absorb.
 */
export class QueueCronFires implements CronFires {
  constructor(
    private readonly db: DataSource,
    private readonly queue: Queue,
  ) {}

  initCronState(name: string, fireAt: Date): Promise<Date> {
    return initCronState(this.db, name, fireAt);
  }

  sendCronFire(name: string, fireAt: Date, queue: string, body: unknown, attributes: MessageAttributes): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await txSql(tx, `UPDATE queue_cron_state SET last_fire_at = $2 WHERE name = $1 AND last_fire_at < $2 RETURNING name`, [name, fireAt]);
      if (rows.length === 0) return false;
      await this.queue.send(queue, body, { attributes, groupId: name, deduplicationId: `${name}@${fireAt.toISOString()}` });
      return true;
    });
  }
}
