import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ArrangeShipmentCommand,
  CompleteOrderCommand,
  MarkPaymentFailedCommand,
  ProcessPaymentCommand,
  SendOrderNotificationCommand,
} from '../src/modules/orders';
import { resolveTask } from '../src/modules/workflow/domain/workflow-task';
import { orderBody } from './support/order-fixtures';
import { orderStoreHarnesses } from './support/order-stores';
import { startTestApp, TestApp } from './support/test-app';

/** Polls until the order leaves the fulfilment path: the workflow runs in the background. */
async function settled(read: () => Promise<{ status: string }>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await read();
    if (!['PENDING', 'PAYMENT_PROCESSED', 'SHIPPED'].includes(order.status) || Date.now() > deadline) return order as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('workflow task registrations', () => {
  it.each([
    ['ProcessPayment', ProcessPaymentCommand],
    ['ArrangeShipment', ArrangeShipmentCommand],
    ['SendNotification', SendOrderNotificationCommand],
    ['CompleteOrder', CompleteOrderCommand],
    ['MarkPaymentFailed', MarkPaymentFailedCommand],
  ])('resolves ${%s} to an idempotent command', (resource, commandType) => {
    expect(resolveTask(`\${${resource}}`)).toEqual({ resource, commandType, options: { idempotent: true } });
  });
});

describe.each(orderStoreHarnesses())('Order fulfilment through the booted app on $name', ({ start }) => {
  let t: TestApp;
  let auth: string;
  let stopStore: () => Promise<void>;

  beforeAll(async () => {
    const store = await start();
    stopStore = store.stop;
    t = await startTestApp(store.env);
    auth = `Bearer ${await t.token({ tenantId: 't1' })}`;
  });
  afterAll(async () => {
    await t?.close();
    await stopStore?.();
  });

  const place = async (paymentMethod: string) =>
    (await t.http().post('/v1/orders').set('Authorization', auth).send(orderBody({ paymentMethod }))).body.orderId as string;
  const read = async (orderId: string) => (await t.http().get(`/v1/orders/${orderId}`).set('Authorization', auth)).body;

  it('pays, ships, notifies and completes an order through the workflow', async () => {
    const orderId = await place('pm_card_mastercard');
    const order = await settled(() => read(orderId));
    expect(order).toMatchObject({
      status: 'COMPLETED',
      paymentMethod: 'pm_card_mastercard',
      transactionId: expect.stringMatching(/^ch_/),
      carrier: 'DHL',
      trackingNumber: expect.any(String),
      estimatedDeliveryDate: expect.any(String),
      version: 4,
    });
    const emails = await readdir(join(t.dataDir, 'outbox'));
    const eml = await Promise.all(emails.map((f) => readFile(join(t.dataDir, 'outbox', f), 'utf8')));
    expect(eml.filter((e) => e.includes(`Tracking number: ${order.trackingNumber}`))).toHaveLength(1);
  });

  it('records a declined payment on the order through MarkPaymentFailed', async () => {
    const orderId = await place('pm_card_chargeDeclined');
    expect(await settled(() => read(orderId))).toMatchObject({
      status: 'PAYMENT_FAILED',
      failureReason: 'Payment.Declined: The payment was declined (decline code: card_declined)',
    });
  });
});

describe('Order notifications with NOTIFIER=sns', () => {
  const topic = 'arn:aws:sns:us-east-1:123456789012:order-notifications';
  const sns = mockClient(SNSClient);
  let t: TestApp;

  beforeAll(async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    t = await startTestApp({ NOTIFIER: 'sns', ORDER_NOTIFICATIONS_TOPIC_ARN: topic });
  });
  afterAll(async () => {
    await t?.close();
    sns.restore();
  });

  it('publishes the shipped-order email to the topic instead of writing it to the outbox', async () => {
    const auth = `Bearer ${await t.token({ tenantId: 't1' })}`;
    const orderId = (await t.http().post('/v1/orders').set('Authorization', auth).send(orderBody())).body.orderId as string;
    await settled(async () => (await t.http().get(`/v1/orders/${orderId}`).set('Authorization', auth)).body);
    const [call] = sns.commandCalls(PublishCommand);
    expect(call.args[0].input).toMatchObject({
      TopicArn: topic,
      Subject: `Your order ${orderId} has shipped`,
      MessageAttributes: {
        orderId: { DataType: 'String', StringValue: orderId },
        customerEmail: { DataType: 'String', StringValue: 'ana@example.com' },
      },
    });
    expect(call.args[0].input.Message).toContain('Hello Ana Pérez,');
    expect(existsSync(join(t.dataDir, 'outbox'))).toBe(false);
  });
});
