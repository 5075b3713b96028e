import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the workers' poller of the orders table's DynamoDB stream got, per shard: the last
 * sequence number every change subscriber took, and whether the shard is closed and read to its end.
 */
export class OrdersStreamCheckpoints1700000016000 implements MigrationInterface {
  name = 'OrdersStreamCheckpoints1700000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders_stream_checkpoints (
        stream_arn text NOT NULL,
        shard_id text NOT NULL,
        sequence_number text,
        finished boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_arn, shard_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders_stream_checkpoints`);
  }
}
