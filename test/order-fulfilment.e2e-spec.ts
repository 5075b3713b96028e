import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { CommandBus } from '@nestjs/cqrs';
import { mockClient } from 'aws-sdk-client-mock';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ArrangeShipmentCommand,
  CompleteOrderCommand,
  MarkPaymentFailedCommand,
  ProcessPaymentCommand,
  SendOrderNotificationCommand,
} from '../src/modules/orders';
import { resolveTask, TaskContext } from '../src/modules/workflow/domain/workflow-task';
import { orderBody } from './support/order-fixtures';
import { orderStoreHarnesses } from './support/order-stores';
import { startTestApp, TestApp } from './support/test-app';

const context = (stateName: string): TaskContext => ({ executionId: 'exec-1', stateName, idempotencyKey: randomUUID(), attempt: 1 });

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

  it('pays, ships, notifies and completes an order', async () => {
    const orderId = await place('pm_card_mastercard');
    const bus = t.app.get(CommandBus);
    const input = { tenantId: 't1', orderId };
    const payment = await bus.execute(new ProcessPaymentCommand(input, context('ProcessPayment')));
    expect(payment).toEqual({ transactionId: expect.stringMatching(/^ch_/), amount: '13.15', currency: 'EUR' });
    const shipment = await bus.execute(new ArrangeShipmentCommand(input, context('ArrangeShipment')));
    const { notificationId } = await bus.execute(new SendOrderNotificationCommand(input, context('SendNotification')));
    expect(await bus.execute(new CompleteOrderCommand(input, context('CompleteOrder')))).toEqual({ status: 'COMPLETED' });

    expect(await read(orderId)).toMatchObject({
      status: 'COMPLETED',
      paymentMethod: 'pm_card_mastercard',
      transactionId: payment.transactionId,
      carrier: 'DHL',
      trackingNumber: shipment.trackingNumber,
      estimatedDeliveryDate: shipment.estimatedDeliveryDate,
      version: 4,
    });
    const eml = await readFile(join(t.dataDir, 'outbox', `${notificationId}.eml`), 'utf8');
    expect(eml).toContain(`Tracking number: ${shipment.trackingNumber}`);
  });

  it('records a declined payment on the order through MarkPaymentFailed', async () => {
    const orderId = await place('pm_card_chargeDeclined');
    const bus = t.app.get(CommandBus);
    const input = { tenantId: 't1', orderId };
    const declined = await bus.execute(new ProcessPaymentCommand(input, context('ProcessPayment'))).then(
      () => new Error('the charge went through'),
      (error: Error) => error,
    );
    expect(declined.name).toBe('Payment.Declined');
    await bus.execute(new MarkPaymentFailedCommand({ ...input, error: { Error: declined.name, Cause: declined.message } }, context('MarkPaymentFailed')));
    expect(await read(orderId)).toMatchObject({
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
    const bus = t.app.get(CommandBus);
    const input = { tenantId: 't1', orderId };
    await bus.execute(new ProcessPaymentCommand(input, context('ProcessPayment')));
    await bus.execute(new ArrangeShipmentCommand(input, context('ArrangeShipment')));
    await bus.execute(new SendOrderNotificationCommand(input, context('SendNotification')));
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
