import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, Shard } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { FeedLease } from '../change-feed/feed-lease';
import type { OrdersStreamCheckpoints, ShardCheckpoint } from '../change-feed/orders-stream-checkpoints';
import { DynamoDbStreamPoller, StreamBatchHandler } from './dynamodb-stream-poller';

const STREAM = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000';

interface FakeShard {
  id: string;
  parent?: string;
  sequences: number[];
  closed: boolean;
}

/** A stream as the Streams API shows it: shards, iterators by position, closed shards ending without a next iterator. */
function fakeStream(shards: FakeShard[], options: { trimmedBefore?: number } = {}) {
  const iterators: { type: string; shard: string; after?: string }[] = [];
  const send = jest.fn(async (command: unknown) => {
    if (command instanceof DescribeStreamCommand) {
      const listed: Shard[] = shards.map((s) => ({
        ShardId: s.id,
        ParentShardId: s.parent,
        SequenceNumberRange: { StartingSequenceNumber: String(s.sequences[0] ?? 0) },
      }));
      return { StreamDescription: { Shards: listed } };
    }
    if (command instanceof GetShardIteratorCommand) {
      const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
      if (SequenceNumber && options.trimmedBefore && Number(SequenceNumber) < options.trimmedBefore) {
        throw Object.assign(new Error('trimmed'), { name: 'TrimmedDataAccessException' });
      }
      iterators.push({ type: ShardIteratorType!, shard: ShardId!, after: SequenceNumber });
      const start = ShardIteratorType === 'TRIM_HORIZON' ? (options.trimmedBefore ?? 0) : Number(SequenceNumber) + 1;
      return { ShardIterator: `${ShardId}@${start}` };
    }
    if (command instanceof GetRecordsCommand) {
      const [id, from] = command.input.ShardIterator!.split('@');
      const shard = shards.find((s) => s.id === id)!;
      const records = shard.sequences.filter((n) => n >= Number(from)).slice(0, 2);
      const next = records.length ? records[records.length - 1] + 1 : Number(from);
      const atEnd = shard.sequences.every((n) => n < next);
      return {
        Records: records.map((n) => ({ eventID: `e${n}`, eventName: 'MODIFY', dynamodb: { SequenceNumber: String(n) } })),
        NextShardIterator: shard.closed && atEnd ? undefined : `${id}@${next}`,
      };
    }
    throw new Error(`unexpected ${String(command)}`);
  });
  return { client: { send } as unknown as DynamoDBStreamsClient, iterators };
}

function harness(shards: FakeShard[], handle: StreamBatchHandler, options: { trimmedBefore?: number; leased?: boolean } = {}) {
  const stream = fakeStream(shards, options);
  const saved = new Map<string, ShardCheckpoint>();
  const checkpoints = {
    load: async () => new Map(saved),
    save: async (_: string, shard: string, checkpoint: ShardCheckpoint) => void saved.set(shard, checkpoint),
  } as unknown as OrdersStreamCheckpoints;
  const lease = { acquire: async () => options.leased ?? true, release: async () => undefined } as unknown as FeedLease;
  const dynamodb = {
    send: async (command: unknown) => {
      if (!(command instanceof DescribeTableCommand)) throw new Error('unexpected');
      return { Table: { LatestStreamArn: STREAM } };
    },
  } as unknown as DynamoDBClient;
  return { poller: new DynamoDbStreamPoller(dynamodb, stream.client, 'orders', checkpoints, lease, handle), saved, stream };
}

const sequencesOf = (batches: DynamoDBRecord[][]) => batches.flat().map((r) => Number(r.dynamodb!.SequenceNumber));

describe('DynamoDbStreamPoller', () => {
  it('reads a closed parent to its end before its child, whatever order the shards are listed in', async () => {
    const batches: DynamoDBRecord[][] = [];
    const { poller, saved } = harness(
      [
        { id: 'child', parent: 'parent', sequences: [50, 51, 52], closed: false },
        { id: 'parent', sequences: [10, 11, 12], closed: true },
      ],
      async (records) => void batches.push(records),
    );
    expect(await poller.pollOnce()).toBe(true);
    expect(sequencesOf(batches)).toEqual([10, 11, 12, 50, 51, 52]);
    expect(batches.every((batch) => batch.every((r) => r.eventSourceARN === STREAM))).toBe(true);
    expect(saved.get('parent')).toEqual({ sequenceNumber: '12', finished: true });
    expect(saved.get('child')).toEqual({ sequenceNumber: '52', finished: false });
  });

  it('hands a batch over again from its failed record, the checkpoint only past what was taken', async () => {
    const batches: DynamoDBRecord[][] = [];
    let fail = true;
    const { poller, saved } = harness([{ id: 's', sequences: [1, 2, 3], closed: false }], async (records) => {
      batches.push(records);
      const second = records.find((r) => r.dynamodb!.SequenceNumber === '2');
      return fail ? second : undefined;
    });
    await poller.pollOnce();
    expect(saved.get('s')).toEqual({ sequenceNumber: '1', finished: false });
    fail = false;
    await poller.pollOnce();
    expect(batches.map((b) => b.map((r) => Number(r.dynamodb!.SequenceNumber)))).toEqual([[1, 2], [2, 3]]);
    expect(saved.get('s')).toEqual({ sequenceNumber: '3', finished: false });
  });

  it('waits for a parent still being read: its child is left for a later pass', async () => {
    const batches: DynamoDBRecord[][] = [];
    const failing = { id: 'parent', sequences: [1, 2], closed: true };
    const { poller, saved } = harness([failing, { id: 'child', parent: 'parent', sequences: [9], closed: false }], async (records) => {
      batches.push(records);
      return records[0]; // the parent's first record keeps failing
    });
    await poller.pollOnce();
    expect(sequencesOf(batches)).toEqual([1, 2]);
    expect(saved.has('child')).toBe(false);
  });

  it('resumes after its checkpoint, and from the oldest record left when the checkpoint was trimmed', async () => {
    const { poller, stream } = harness([{ id: 's', sequences: [5, 6, 7, 8], closed: false }], async () => undefined);
    await poller.pollOnce(); // TRIM_HORIZON: nothing checkpointed yet
    await poller.pollOnce(); // after 8
    expect(stream.iterators.map((i) => [i.type, i.after])).toEqual([
      ['TRIM_HORIZON', undefined],
      ['AFTER_SEQUENCE_NUMBER', '8'],
    ]);

    const batches: number[] = [];
    const replay = harness([{ id: 's', sequences: [6, 7], closed: false }], async (records) => void batches.push(...sequencesOf([records])), { trimmedBefore: 6 });
    replay.saved.set('s', { sequenceNumber: '5', finished: false });
    await replay.poller.pollOnce();
    expect(batches).toEqual([6, 7]);
    expect(replay.stream.iterators.map((i) => i.type)).toEqual(['TRIM_HORIZON']);
  });

  it('reads nothing while another process holds the lease', async () => {
    const handle = jest.fn(async () => undefined);
    const { poller, stream } = harness([{ id: 's', sequences: [1], closed: false }], handle, { leased: false });
    expect(await poller.pollOnce()).toBe(false);
    expect(handle).not.toHaveBeenCalled();
    expect((stream.client.send as jest.Mock).mock.calls).toHaveLength(0);
  });
});
