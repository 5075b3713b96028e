import { PublishCommand, PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { SnsNotifier, snsSubject } from '../../src/infrastructure/notifications/sns-notifier.adapter';
import { createTestDatabase } from '../support/test-database';
import { Delivery, describeNotifierContract, notification } from './notifier.contract';

const backend = process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:mercantil-order-notifications';

/** SNS mocked at the SDK boundary: what the adapter publishes is exactly what AWS would receive. */
async function openSns() {
  const sns = mockClient(SNSClient);
  const published: PublishCommandInput[] = [];
  let refuse = false;
  sns.on(PublishCommand).callsFake((input: PublishCommandInput) => {
    if (refuse) {
      refuse = false;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
    }
    published.push(input);
    return { MessageId: randomUUID() };
  });
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    notifier: new SnsNotifier(new SNSClient({ region: 'eu-west-1' }), TOPIC, db.dataSource),
    db: db.dataSource,
    published,
    refuseNext: () => (refuse = true),
    close: async () => {
      sns.restore();
      await db.close();
      await database.drop();
    },
  };
}

describeNotifierContract(`SNS (SDK mocked) with its ledger on ${backend}`, async () => {
  const sns = await openSns();
  return {
    ...sns,
    deliveries: async () =>
      sns.published.map((p): Delivery => ({
        to: p.MessageAttributes?.customerEmail?.StringValue ?? '',
        subject: p.Subject ?? '',
        body: p.Message ?? '',
      })),
    failNextDelivery: sns.refuseNext,
  };
}, true);

describe(`SNS notifier specifics on ${backend}`, () => {
  let sns: Awaited<ReturnType<typeof openSns>>;
  beforeAll(async () => (sns = await openSns()));
  afterAll(() => sns?.close());

  it('publishes the subject, the text and String attributes for orderId, customerEmail and the notification id', async () => {
    const orderId = randomUUID();
    const n = notification({ subject: `Order ${orderId} shipped`, attributes: { orderId, tenantId: 'tenant-a' } });
    const { notificationId } = await sns.notifier.send(n);
    expect(sns.published.at(-1)).toEqual({
      TopicArn: TOPIC,
      Subject: `Order ${orderId} shipped`,
      Message: 'Your order is on its way.',
      MessageAttributes: {
        orderId: { DataType: 'String', StringValue: orderId },
        tenantId: { DataType: 'String', StringValue: 'tenant-a' },
        customerEmail: { DataType: 'String', StringValue: 'ana@example.com' },
        notificationId: { DataType: 'String', StringValue: notificationId },
      },
    });
    const [row] = await sns.db.query(`SELECT channel, status, location FROM notification_outbox WHERE notification_id = $1`, [notificationId]);
    expect(row).toEqual({ channel: 'sns', status: 'sent', location: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('records a refused publish as failed with the SNS error', async () => {
    const n = notification();
    sns.refuseNext();
    await expect(sns.notifier.send(n)).rejects.toThrow(/ThrottledException: Rate exceeded/);
    const [row] = await sns.db.query(`SELECT status, error FROM notification_outbox WHERE idempotency_key = $1`, [n.idempotencyKey]);
    expect(row).toEqual({ status: 'failed', error: 'ThrottledException: Rate exceeded' });
  });

  it.each([
    ['Pedido de Ana Pérez enviado', 'Pedido de Ana Perez enviado'],
    ['line\nbreak', 'line break'],
    ['x'.repeat(120), 'x'.repeat(100)],
    ['📦', undefined],
  ])('makes %j a valid SNS subject', (subject, expected) => {
    expect(snsSubject(subject)).toBe(expected);
  });
});
