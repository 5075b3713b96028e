import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, Shard } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { FeedLease } from '../change-feed/feed-lease';
import type { OrdersStreamCheckpoints, ShardCheckpoint } from '../change-feed/orders-stream-checkpoints';
import { asLambdaRecord } from './dynamodb-stream-records';

/** Hands over a batch in stream order; resolves the first record that failed (retried from there), or undefined. */
export type StreamBatchHandler = (records: DynamoDBRecord[]) => Promise<DynamoDBRecord | undefined>;

/** DynamoDB Streams allows up to 5 GetRecords a second per shard; one pass a second stays well under it. */
const POLL_INTERVAL_MS = 1_000;
/** GetRecords' own maximum. */
const RECORDS_PER_READ = 1_000;
/** Reads of one shard per pass, so the lease is renewed (at each batch) and other shards get their turn. */
const READS_PER_PASS = 20;

/**
 * Reads a table's stream where no Lambda event source mapping does (the compose stack): what
 * the mapping does for the stream Lambda, on one process at a time (a FeedLease). Shards are
 * read parents first, each from its checkpoint (the last record the handler took), so a
 * restart resumes where it stopped and a failed record is read again, with nothing after it
 * overtaking it. At least once: a crash between a batch and its checkpoint hands the batch
 * over again, which the change subscribers absorb by version.
 */
export class DynamoDbStreamPoller implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DynamoDbStreamPoller.name);
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly tableName: string,
    private readonly checkpoints: OrdersStreamCheckpoints,
    private readonly lease: FeedLease,
    private readonly handle: StreamBatchHandler,
  ) {}

  start(): void {
    if (this.abort && !this.abort.signal.aborted) return;
    const abort = (this.abort = new AbortController());
    this.loop = this.run(abort.signal);
    this.logger.log(`Polling the stream of ${this.tableName}`);
  }

  async stop(): Promise<void> {
    if (!this.abort || this.abort.signal.aborted) return;
    this.abort.abort();
    await this.loop;
    await this.lease.release().catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release the stream lease'));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** One pass over the stream's shards; false when another process holds the lease. */
  async pollOnce(): Promise<boolean> {
    if (!(await this.lease.acquire())) return false;
    const { Table } = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${this.tableName} has no stream: it needs StreamSpecification NEW_AND_OLD_IMAGES`);
    const shards = await this.shards(streamArn);
    const checkpoints = await this.checkpoints.load(streamArn);
    const listed = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      const id = shard.ShardId!;
      const checkpoint = checkpoints.get(id);
      if (checkpoint?.finished) continue;
      // A child's records follow its parent's: it waits until the parent (while still listed) is read to its end.
      if (shard.ParentShardId && listed.has(shard.ParentShardId) && !checkpoints.get(shard.ParentShardId)?.finished) continue;
      const reached = await this.readShard(streamArn, id, checkpoint);
      checkpoints.set(id, reached);
    }
    return true;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.pollOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'Reading the stream failed; retrying at the next pass');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_INTERVAL_MS);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  /** Shards sorted by their first sequence number, so every parent comes before its children. */
  private async shards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const first = (shard: Shard) => BigInt(shard.SequenceNumberRange?.StartingSequenceNumber ?? '0');
    return shards.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
  }

  private async readShard(streamArn: string, shardId: string, from: ShardCheckpoint | undefined): Promise<ShardCheckpoint> {
    let reached: ShardCheckpoint = from ?? { finished: false };
    let iterator = await this.iterator(streamArn, shardId, reached.sequenceNumber);
    for (let read = 0; iterator && read < READS_PER_PASS; read++) {
      const out = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: RECORDS_PER_READ }));
      const records = (out.Records ?? []).map((record) => asLambdaRecord(record, streamArn));
      if (records.length > 0) {
        const failed = await this.handle(records);
        const taken = failed ? records.slice(0, records.indexOf(failed)) : records;
        if (taken.length > 0) {
          reached = { sequenceNumber: taken[taken.length - 1].dynamodb!.SequenceNumber, finished: false };
          await this.checkpoints.save(streamArn, shardId, reached);
        }
        if (failed) return reached;
        // Renewed at each batch; lost (a stall past its TTL), another process reads on from the checkpoint.
        if (!(await this.lease.acquire())) return reached;
      }
      if (!out.NextShardIterator) {
        reached = { ...reached, finished: true };
        await this.checkpoints.save(streamArn, shardId, reached);
        return reached;
      }
      // An open shard with nothing new: caught up until the next pass.
      if (records.length === 0) return reached;
      iterator = out.NextShardIterator;
    }
    return reached;
  }

  private async iterator(streamArn: string, shardId: string, after: string | undefined): Promise<string | undefined> {
    const read = async (position: { ShardIteratorType: 'TRIM_HORIZON' } | { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER'; SequenceNumber: string }) =>
      (await this.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...position }))).ShardIterator;
    if (!after) return read({ ShardIteratorType: 'TRIM_HORIZON' });
    try {
      return await read({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after });
    } catch (error) {
      // The stream keeps 24 h: a checkpoint older than that is gone, and the oldest record left is next.
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      this.logger.warn({ shardId, after }, 'Checkpoint trimmed from the stream; reading on from the oldest record left');
      return read({ ShardIteratorType: 'TRIM_HORIZON' });
    }
  }
}
