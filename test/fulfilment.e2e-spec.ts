import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ORDER_PROCESSING_QUEUE } from '../src/common/queue/queue-definition';
import { Queue, QUEUE } from '../src/common/queue/queue.port';
import { orderBody } from './support/order-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const FINAL = ['COMPLETED', 'PAYMENT_FAILED', 'CANCELLED'];

describe('Order fulfilment (e2e, workers included)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = `Bearer ${await t.token({ tenantId: 't1', sub: 'ops', groups: ['admin'] })}`;
  });
  afterAll(() => t?.close());

  const placeOrder = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.http().post('/v1/orders').set('Authorization', admin).send(orderBody(overrides));
    expect(res.status).toBe(201);
    return res.body.orderId as string;
  };

  async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const orderOf = async (orderId: string) => (await t.http().get(`/v1/orders/${orderId}`).set('Authorization', admin)).body;
  const settled = (orderId: string) => until(() => orderOf(orderId), (o) => FINAL.includes(o.status));

  async function executionOf(orderId: string) {
    // The execution starts asynchronously, once the order-processing message is consumed.
    const listed = () => t.http().get('/v1/workflows/order-fulfilment/executions').query({ name: orderId }).set('Authorization', admin);
    const res = await until(listed, (r) => r.status !== 200 || r.body.items.length > 0);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const executionId = res.body.items[0].executionId as string;
    return until(
      async () => (await t.http().get(`/v1/workflows/executions/${executionId}`).set('Authorization', admin)).body,
      (e) => e.status !== 'RUNNING',
    );
  }

  const historyOf = async (executionId: string) =>
    (await t.http().get(`/v1/workflows/executions/${executionId}/history`).query({ limit: 1000 }).set('Authorization', admin)).body.events as {
      type: string;
      stateName?: string;
      details: Record<string, unknown>;
    }[];

  const emailsFor = (orderId: string) =>
    readdirSync(join(t.dataDir, 'outbox'))
      .map((f) => readFileSync(join(t.dataDir, 'outbox', f), 'utf8'))
      .filter((eml) => eml.includes(orderId));

  it('takes a paid order through payment, shipment and notification to COMPLETED, with history and email', async () => {
    const orderId = await placeOrder({ paymentMethod: 'pm_card_visa' });
    const order = await settled(orderId);
    expect(order).toMatchObject({
      status: 'COMPLETED',
      transactionId: expect.any(String),
      paymentDate: expect.any(String),
      trackingNumber: expect.any(String),
      carrier: expect.stringMatching(/^(FEDEX|UPS|DHL)$/),
      estimatedDeliveryDate: expect.any(String),
    });

    const execution = await executionOf(orderId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', input: { tenantId: 't1', orderId }, error: null });
    const history = await historyOf(execution.executionId);
    const succeeded = history.filter((e) => e.type === 'TaskSucceeded').map((e) => e.stateName);
    expect(succeeded).toEqual(['ProcessPayment', 'ArrangeShipment', 'SendNotification', 'CompleteOrder']);
    expect(history[0].type).toBe('ExecutionStarted');
    expect(history[history.length - 1].type).toBe('ExecutionSucceeded');

    const [email, ...more] = emailsFor(orderId);
    expect(more).toHaveLength(0);
    expect(email).toContain('ana@example.com');
    expect(email).toContain(order.trackingNumber);
    expect(email).toContain('Calle Mayor 1');
    expect(email).toContain('ACEITE-500');
    expect(email).toContain('13.15');
  });

  it('ends a declined payment in PAYMENT_FAILED with no shipment and a failed execution', async () => {
    const orderId = await placeOrder({ paymentMethod: 'pm_card_chargeDeclined' });
    const order = await settled(orderId);
    expect(order.status).toBe('PAYMENT_FAILED');
    expect(order.trackingNumber).toBeUndefined();
    expect(order.failureReason).toEqual(expect.stringContaining('declined'));

    const execution = await executionOf(orderId);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Payment.Declined' });
    const states = (await historyOf(execution.executionId)).filter((e) => e.type.endsWith('StateEntered')).map((e) => e.stateName);
    expect(states).toEqual(['ProcessPayment', 'MarkPaymentFailed', 'PaymentFailed']);
    expect(emailsFor(orderId)).toHaveLength(0);
  });

  it('retries a transient provider failure with backoff and still completes', async () => {
    const orderId = await placeOrder({ paymentMethod: 'pm_card_transientFailure' });
    expect((await settled(orderId)).status).toBe('COMPLETED');
    const history = await historyOf((await executionOf(orderId)).executionId);
    expect(history.filter((e) => e.type === 'StateRetryScheduled' && e.stateName === 'ProcessPayment').length).toBeGreaterThanOrEqual(1);
  });

  it('runs the workflow once even when the order-processing message is delivered again', async () => {
    const orderId = await placeOrder();
    await settled(orderId);
    await t.app.get<Queue>(QUEUE).send(ORDER_PROCESSING_QUEUE, { tenantId: 't1', orderId });
    await new Promise((r) => setTimeout(r, 500));
    const executions = await t.http().get('/v1/workflows/order-fulfilment/executions').query({ name: orderId }).set('Authorization', admin);
    expect(executions.body.items).toHaveLength(1);
    const db = t.app.get(DataSource);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM payments WHERE order_id = $1`, [orderId]);
    expect(count).toBe(1);
    expect(emailsFor(orderId)).toHaveLength(1);
  });

  describe('workflow API', () => {
    it('serves the ASL definition the engine runs', async () => {
      const res = await t.http().get('/v1/workflows/order-fulfilment/definition').set('Authorization', admin);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ StartAt: 'ProcessPayment', States: { ProcessPayment: { Type: 'Task', Resource: '${ProcessPayment}' } } });
      expect((await t.http().get('/v1/workflows/nope/definition').set('Authorization', admin)).status).toBe(404);
    });

    it('lets admins start an execution by name, idempotently, and refuses everyone else', async () => {
      const orderId = await placeOrder();
      await settled(orderId);
      const clerk = `Bearer ${await t.token({ tenantId: 't1', sub: 'clerk', groups: [] })}`;
      const start = (auth: string, body: object) => t.http().post('/v1/workflows/order-fulfilment/executions').set('Authorization', auth).send(body);

      expect((await start(clerk, { input: { tenantId: 't1', orderId } })).status).toBe(403);
      const again = await start(admin, { name: orderId, input: { tenantId: 't1', orderId } });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ name: orderId, status: 'SUCCEEDED' });
      expect((await start(admin, { name: orderId, input: { tenantId: 't1', orderId: 'other' } })).status).toBe(409);
      expect((await start(admin, { input: 'not an object' })).status).toBe(400);
      expect((await start(admin, { input: {}, priority: 'high' })).status).toBe(400);
      expect((await t.http().post('/v1/workflows/nope/executions').set('Authorization', admin).send({})).status).toBe(404);
    });

    it('records a failure of an admin-started execution (unknown order) in its status and history', async () => {
      const res = await t.http().post('/v1/workflows/order-fulfilment/executions').set('Authorization', admin).send({ input: { tenantId: 't1', orderId: 'does-not-exist' } });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/v1/workflows/executions/${res.body.executionId}`);
      const execution = await until(
        async () => (await t.http().get(res.headers.location).set('Authorization', admin)).body,
        (e) => e.status !== 'RUNNING',
      );
      expect(execution.status).toBe('FAILED');
      expect((await historyOf(execution.executionId)).some((e) => e.type === 'TaskFailed')).toBe(true);
    });

    it('hides another tenant executions and rejects non-admin reads', async () => {
      const orderId = await placeOrder();
      const execution = await executionOf(orderId);
      const otherAdmin = `Bearer ${await t.token({ tenantId: 't2', sub: 'x', groups: ['admin'] })}`;
      const clerk = `Bearer ${await t.token({ tenantId: 't1', sub: 'clerk', groups: [] })}`;
      expect((await t.http().get(`/v1/workflows/executions/${execution.executionId}`).set('Authorization', otherAdmin)).status).toBe(404);
      expect((await t.http().get(`/v1/workflows/executions/${execution.executionId}/history`).set('Authorization', otherAdmin)).status).toBe(404);
      expect((await t.http().get(`/v1/workflows/executions/${execution.executionId}`).set('Authorization', clerk)).status).toBe(403);
      expect((await t.http().get('/v1/workflows/executions/not-a-uuid').set('Authorization', admin)).status).toBe(404);
      expect((await t.http().get(`/v1/workflows/executions/${execution.executionId}/history?limit=0`).set('Authorization', admin)).status).toBe(400);
    });
  });
});
