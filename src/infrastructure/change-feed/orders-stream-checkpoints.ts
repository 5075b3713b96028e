import { DataSource } from 'typeorm';
import { runSql } from '../database/run-sql';

export interface ShardCheckpoint {
  /** The last record every subscriber took; none yet when undefined. */
  sequenceNumber?: string;
  /** Closed and read to its end. */
  finished: boolean;
}

/** Where the orders stream poller got to, per shard (orders_stream_checkpoints). */
export class OrdersStreamCheckpoints {
  constructor(private readonly db: DataSource) {}

  async load(streamArn: string): Promise<Map<string, ShardCheckpoint>> {
    const { rows } = await runSql<{ shard_id: string; sequence_number: string | null; finished: boolean }>(
      this.db,
      `SELECT shard_id, sequence_number, finished FROM orders_stream_checkpoints WHERE stream_arn = $1`,
      [streamArn],
    );
    return new Map(rows.map((r) => [r.shard_id, { sequenceNumber: r.sequence_number ?? undefined, finished: r.finished }]));
  }

  async save(streamArn: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    await runSql(
      this.db,
      `INSERT INTO orders_stream_checkpoints (stream_arn, shard_id, sequence_number, finished) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream_arn, shard_id) DO UPDATE
         SET sequence_number = COALESCE(EXCLUDED.sequence_number, orders_stream_checkpoints.sequence_number),
             finished = EXCLUDED.finished, updated_at = now()`,
      [streamArn, shardId, checkpoint.sequenceNumber ?? null, checkpoint.finished],
    );
  }
}
