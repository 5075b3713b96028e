import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ordered queues and the transactional outbox of the change feed.
 * - `queue_messages.seq` is the send order and `group_id` the group of an ordered queue's
 *   message: a grouped message is claimed only while no earlier member of its group is
 *   still on the queue.
 * - `change_outbox` holds product and order changes written in the same statement as the
 *   write itself, until the relay has sent them to every subscriber queue.
 * - `product_tombstones` keeps the version a deleted product reached, so a product created
 *   again under the same sku continues from it and consumers never take it for an old change.
 * - `change_relay_lease` lets one relay at a time move the outbox, which keeps its order.
 */
export class ChangeFeed1700000008000 implements MigrationInterface {
  name = 'ChangeFeed1700000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE queue_messages ADD COLUMN seq bigserial, ADD COLUMN group_id text`);
    await q.query(`CREATE INDEX queue_messages_group_idx ON queue_messages (queue, group_id, seq) WHERE group_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE change_outbox (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL,
        entity text NOT NULL,
        key text NOT NULL,
        version bigint NOT NULL,
        op text NOT NULL CHECK (op IN ('upsert', 'delete')),
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE product_tombstones (
        tenant_id text NOT NULL,
        sku text NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (tenant_id, sku)
      )`);
    await q.query(`
      CREATE TABLE change_relay_lease (
        name text PRIMARY KEY,
        holder text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE change_relay_lease`);
    await q.query(`DROP TABLE product_tombstones`);
    await q.query(`DROP TABLE change_outbox`);
    await q.query(`DROP INDEX queue_messages_group_idx`);
    await q.query(`ALTER TABLE queue_messages DROP COLUMN group_id, DROP COLUMN seq`);
  }
}
