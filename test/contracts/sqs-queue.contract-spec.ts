import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AwsClientStub } from 'aws-sdk-client-mock';
import { deadLetterQueueOf, QueueDefinition } from '../../src/common/queue/queue-definition';
import { DEDUPLICATION_ID_ATTRIBUTE, NOT_BEFORE_ATTRIBUTE, SqsQueueAdapter } from '../../src/infrastructure/aws/sqs-queue.adapter';
import { SqsModel } from '../support/sqs-model';
import { describeQueueContract } from './queue.contract';

const PREFIX = 'https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil-';

function openModel(definitions: QueueDefinition[], random: () => number = Math.random) {
  // An ordered queue and its DLQ are FIFO queues, whose names end in .fifo.
  const fifo = (d: QueueDefinition) => (d.ordered ? '.fifo' : '');
  const urls = definitions.flatMap((d) => [`${PREFIX}${d.name}${fifo(d)}`, `${PREFIX}${deadLetterQueueOf(d.name)}${fifo(d)}`]);
  const model = new SqsModel(urls);
  const client = new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const stub = model.attach(client);
  const queue = new SqsQueueAdapter(client, { queueUrlPrefix: PREFIX, definitions, random });
  return { model, stub, queue, client };
}

// No SQS emulator runs here: the adapter talks to the real SDK client, whose commands an
// in-memory model of SQS semantics answers (test/support/sqs-model.ts).
describeQueueContract('SQS (in-memory SQS model behind the SDK)', async ({ definitions, random }) => {
  const { queue, client } = openModel(definitions, random);
  return {
    queue,
    limits: {
      deduplication: 'standard SQS queues have no deduplication; the id travels as a message attribute',
      oldestAge: 'SQS reports the oldest message age only as a CloudWatch metric',
    },
    close: async () => client.destroy(),
  };
});

describe('SQS adapter: the requests it sends', () => {
  const definition: QueueDefinition = { name: 'orders', visibilityTimeoutSeconds: 120, maxAttempts: 2, backoff: { initialSeconds: 5, maxSeconds: 60 } };
  let model: SqsModel;
  let stub: AwsClientStub<SQSClient>;
  let queue: SqsQueueAdapter;

  beforeEach(() => ({ model, stub, queue } = openModel([definition], () => 1)));

  it('sends JSON bodies with string attributes, the delay and the deduplication id', async () => {
    await queue.send('orders', { orderId: 'o-1' }, { attributes: { tenant: 't1' }, delaySeconds: 30, deduplicationId: 'd-1' });
    expect(stub.commandCalls(SendMessageCommand)[0].args[0].input).toEqual({
      QueueUrl: `${PREFIX}orders`,
      MessageBody: '{"orderId":"o-1"}',
      DelaySeconds: 30,
      MessageAttributes: {
        tenant: { DataType: 'String', StringValue: 't1' },
        [DEDUPLICATION_ID_ATTRIBUTE]: { DataType: 'String', StringValue: 'd-1' },
      },
    });
  });

  it('long-polls with the queue visibility, capped batch and wait, asking for receive count and sent time', async () => {
    await queue.send('orders', { n: 1 }, { deduplicationId: 'd-1' });
    const [message] = await queue.receive('orders', { maxMessages: 50, waitSeconds: 45 });
    expect(stub.commandCalls(ReceiveMessageCommand)[0].args[0].input).toEqual({
      QueueUrl: `${PREFIX}orders`,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
      VisibilityTimeout: 120,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      MessageAttributeNames: ['All'],
    });
    expect(message.attributes).toEqual({}); // the adapter's own attributes stay internal
  });

  it('retries by changing the visibility to the backoff delay, in whole seconds', async () => {
    await queue.send('orders', { n: 1 });
    const [message] = await queue.receive('orders', { maxMessages: 1 });
    expect(await queue.retry(message, 'boom')).toEqual({ outcome: 'retried', delaySeconds: 5 });
    expect(stub.commandCalls(ChangeMessageVisibilityCommand)[0].args[0].input).toEqual({
      QueueUrl: `${PREFIX}orders`,
      ReceiptHandle: message.receipt,
      VisibilityTimeout: 5,
    });
  });

  it('dead-letters the last attempt by sending to the -dlq queue, then deleting the original', async () => {
    await queue.send('orders', { n: 1 }, { attributes: { tenant: 't1' } });
    const [first] = await queue.receive('orders', { maxMessages: 1 });
    model.changeVisibility({ QueueUrl: `${PREFIX}orders`, ReceiptHandle: first.receipt, VisibilityTimeout: 0 });
    const [second] = await queue.receive('orders', { maxMessages: 1 });
    expect(second.attempt).toBe(2);
    stub.resetHistory();
    expect(await queue.retry(second, 'boom')).toEqual({ outcome: 'dead-lettered' });
    const calls = stub.calls().map((c) => c.args[0]);
    expect(calls.map((c) => c.constructor.name)).toEqual(['ChangeMessageVisibilityCommand', 'SendMessageCommand', 'DeleteMessageCommand']);
    expect(calls[1].input).toMatchObject({
      QueueUrl: `${PREFIX}orders-dlq`,
      MessageBody: '{"n":1}',
      MessageAttributes: {
        tenant: { DataType: 'String', StringValue: 't1' },
        'mercantil-dead-letter-error': { DataType: 'String', StringValue: 'boom' },
        'mercantil-dead-letter-attempts': { DataType: 'String', StringValue: '2' },
      },
    });
    expect(calls[2].input).toEqual({ QueueUrl: `${PREFIX}orders`, ReceiptHandle: second.receipt });
    expect(model.bodies(`${PREFIX}orders`)).toEqual([]);
  });

  it('carries delays beyond 900 s in hops: the early delivery is re-sent, never handed to the consumer', async () => {
    await queue.send('orders', { later: true }, { delaySeconds: 3_600 });
    const sent = stub.commandCalls(SendMessageCommand)[0].args[0].input;
    expect(sent.DelaySeconds).toBe(900);
    const notBefore = Number(sent.MessageAttributes?.[NOT_BEFORE_ATTRIBUTE]?.StringValue);
    expect(notBefore - Date.now()).toBeGreaterThan(3_590_000);
    model.fastForward(`${PREFIX}orders`); // the first 900 s pass
    expect(await queue.receive('orders', { maxMessages: 1 })).toEqual([]);
    const hop = stub.commandCalls(SendMessageCommand)[1].args[0].input;
    expect(hop.DelaySeconds).toBe(900);
    expect(hop.MessageAttributes?.[NOT_BEFORE_ATTRIBUTE]?.StringValue).toBe(String(notBefore));
    expect(stub.commandCalls(DeleteMessageCommand)).toHaveLength(1);
    expect(model.bodies(`${PREFIX}orders`)).toEqual(['{"later":true}']);
  });

  it('dead-letters a body that is not JSON instead of failing every receive', async () => {
    model.sendMessage({ QueueUrl: `${PREFIX}orders`, MessageBody: 'not json {' });
    expect(await queue.receive('orders', { maxMessages: 10 })).toEqual([]);
    expect(model.bodies(`${PREFIX}orders-dlq`)).toEqual(['not json {']);
    expect(model.bodies(`${PREFIX}orders`)).toEqual([]);
  });
});

describe('SQS adapter: ordered queues are FIFO queues', () => {
  const definition: QueueDefinition = {
    name: 'changes-search', visibilityTimeoutSeconds: 60, maxAttempts: 1, backoff: { initialSeconds: 1, maxSeconds: 1 }, ordered: true,
  };

  it('sends to <name>.fifo with the group and deduplication id and no delay, and reads one message per call', async () => {
    const { stub, queue } = openModel([definition]);
    await queue.send('changes-search', { changes: [1] }, { groupId: 't1', deduplicationId: 'changes:1-1' });
    await queue.send('changes-search', { changes: [2] }, { groupId: 't1' });
    await queue.send('changes-search', { changes: [3] }, { groupId: 't2' });
    const [first, second] = stub.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(first).toEqual({
      QueueUrl: `${PREFIX}changes-search.fifo`,
      MessageBody: '{"changes":[1]}',
      MessageGroupId: 't1',
      MessageDeduplicationId: 'changes:1-1',
    });
    expect(second.MessageDeduplicationId).toMatch(/^[0-9a-f-]{36}$/);
    const got = await queue.receive('changes-search', { maxMessages: 10 });
    expect(got.map((m) => m.body)).toEqual([{ changes: [1] }, { changes: [3] }]);
    expect(stub.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input.MaxNumberOfMessages)).toEqual([1, 1, 1]);
  });

  it('dead-letters into <name>-dlq.fifo, each dead message its own group', async () => {
    const { model, stub, queue } = openModel([definition]);
    await queue.send('changes-search', { n: 1 }, { groupId: 't1', deduplicationId: 'd-1' });
    const [message] = await queue.receive('changes-search', { maxMessages: 1 });
    stub.resetHistory();
    expect(await queue.retry(message, 'boom')).toEqual({ outcome: 'dead-lettered' });
    expect(stub.commandCalls(SendMessageCommand)[0].args[0].input).toMatchObject({
      QueueUrl: `${PREFIX}changes-search-dlq.fifo`,
      MessageGroupId: message.id,
      MessageDeduplicationId: message.id,
    });
    expect(model.bodies(`${PREFIX}changes-search-dlq.fifo`)).toEqual(['{"n":1}']);
  });
});
