import { NestFactory } from '@nestjs/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createSqsHandler } from '../src/workers/sqs.handler';
import { appWithTestQueue, EchoConsumer, TEST_QUEUE } from './support/queue-test-module';
import { createTestDatabase, TestDatabase } from './support/test-database';

const URL_PREFIX = 'https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil-';

/** A record as the SQS event source mapping delivers it (shape of the AWS docs' example). */
function record(messageId: string, body: string, receiveCount = 1, attributes: Record<string, string> = {}): SQSRecord {
  return {
    messageId,
    receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1545082649183',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1545082649185',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(attributes).map(([k, v]) => [k, { stringValue: v, stringListValues: [], binaryListValues: [], dataType: 'String' }]),
    ),
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:eu-west-1:123456789012:mercantil-${TEST_QUEUE}`,
    awsRegion: 'eu-west-1',
  };
}

describe('Lambda SQS trigger (src/workers/sqs.handler.ts)', () => {
  let database: TestDatabase;
  let boots = 0;
  let lambda: ReturnType<typeof createSqsHandler>;
  let consumer: EchoConsumer;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ...process.env, ...database.env, SEED_DEMO: 'false', SQS_QUEUE_URL_PREFIX: URL_PREFIX };
    lambda = createSqsHandler(async () => {
      boots++;
      const app = await NestFactory.createApplicationContext(appWithTestQueue(env), { bufferLogs: true });
      consumer = app.get(EchoConsumer);
      return app;
    });
  });

  afterAll(async () => {
    await lambda?.close();
    await database?.drop();
  });

  it('dispatches each record to the consumer of the queue named by its ARN, with attempt and attributes', async () => {
    const event: SQSEvent = { Records: [record('m-1', '{"text":"hola"}', 3, { tenant: 't1' })] };
    expect(await lambda.handler(event)).toEqual({ batchItemFailures: [] });
    expect(consumer.handled).toHaveLength(1);
    expect(consumer.handled[0]).toMatchObject({
      id: 'm-1',
      queue: TEST_QUEUE,
      body: { text: 'hola' },
      attempt: 3,
      attributes: { tenant: 't1' },
      sentAt: new Date(1545082649183),
    });
  });

  it('reports only the failed records, including an unparseable body, as batch item failures', async () => {
    const before = consumer.handled.length;
    const event: SQSEvent = {
      Records: [
        record('ok-1', '{"text":"a"}'),
        record('fails', '{"text":"b","failOn":[1]}'),
        record('not-json', '{"text": oops'),
        { ...record('no-consumer', '{}'), eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:mercantil-unknown' },
        record('ok-2', '{"text":"c"}'),
      ],
    };
    const result = await lambda.handler(event);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['fails', 'no-consumer', 'not-json']);
    expect(consumer.handled.slice(before).map((m) => m.id).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('runs a FIFO batch in order and fails every record from the first failure on', async () => {
    const before = consumer.handled.length;
    const fifo = (r: SQSRecord) => ({ ...r, eventSourceARN: `${r.eventSourceARN}.fifo` });
    const event: SQSEvent = {
      Records: [
        fifo(record('f-1', '{"text":"first"}')),
        fifo(record('f-2', '{"text":"second","failOn":[1]}')),
        fifo(record('f-3', '{"text":"third"}')),
      ],
    };
    expect(await lambda.handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'f-2' }, { itemIdentifier: 'f-3' }] });
    expect(consumer.handled.slice(before).map((m) => [m.id, m.queue])).toEqual([['f-1', TEST_QUEUE]]);
  });

  it('creates the app context once and reuses it across invocations', async () => {
    await lambda.handler({ Records: [record('m-again', '{"text":"again"}')] });
    expect(boots).toBe(1);
  });
});
