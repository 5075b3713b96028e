import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded queue. Acked messages are deleted, so the table holds only live
 * messages (waiting, delayed, in flight, dead-lettered) and stays small.
 */
export class CreateQueue1700000001000 implements MigrationInterface {
  name = 'CreateQueue1700000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE queue_messages (
        id uuid PRIMARY KEY,
        queue text NOT NULL,
        body jsonb NOT NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        deduplication_id text,
        -- deliveries so far; with id it identifies one delivery, which is what a receipt names
        attempt integer NOT NULL DEFAULT 0,
        visible_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    // receive scans (queue, visible_at <= now()) oldest first; depth counts by queue.
    await q.query(`CREATE INDEX queue_messages_visible_idx ON queue_messages (queue, visible_at)`);
    // Dedup holds while the message lives: ack deletes the row and frees the id.
    await q.query(
      `CREATE UNIQUE INDEX queue_messages_dedup_idx ON queue_messages (queue, deduplication_id) WHERE deduplication_id IS NOT NULL`,
    );
    // The last fire each cron schedule enqueued: the conditional update on it is what
    // makes one fire enqueue once across worker processes.
    await q.query(`
      CREATE TABLE queue_cron_state (
        name text PRIMARY KEY,
        last_fire_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE queue_cron_state`);
    await q.query(`DROP TABLE queue_messages`);
  }
}
