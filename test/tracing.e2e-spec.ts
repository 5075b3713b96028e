import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { Queue, QUEUE } from '../src/common/queue/queue.port';
import { ORDER_PROCESSING_QUEUE, WORKFLOW_QUEUE } from '../src/common/queue/queue-definition';
import { currentTraceId, TRACE_ID_ATTRIBUTE } from '../src/common/tracing/trace-context';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { QueueConsumerRegistry } from '../src/infrastructure/queue/queue-consumer.registry';
import { ProcessPaymentHandler } from '../src/modules/orders/commands/process-payment/process-payment.handler';
import { ExecutionRunner } from '../src/modules/workflow/application/execution-runner';
import { orderBody } from './support/order-fixtures';
import { freePort, waitForHealth } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe('Trace ids from HTTP through the queue and the workflow (in process)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No worker: the order's message stays on the queue to be looked at, then is dispatched by hand.
    t = await startTestApp({}, { worker: false });
  });
  afterAll(() => t?.close());

  it('answers with the caller trace id, sends it as a message attribute, and stores it with the execution', async () => {
    const res = await t
      .http()
      .post('/v1/orders')
      .set('Authorization', `Bearer ${await t.token()}`)
      .set('traceparent', TRACEPARENT)
      .send(orderBody())
      .expect(201);
    expect(res.headers['x-trace-id']).toBe(TRACE_ID);

    const queue = t.app.get<Queue>(QUEUE);
    const [message] = await queue.receive(ORDER_PROCESSING_QUEUE, { maxMessages: 1 });
    expect(message.attributes[TRACE_ID_ATTRIBUTE]).toBe(TRACE_ID);

    await t.app.get(QueueConsumerRegistry).dispatch(ORDER_PROCESSING_QUEUE, message);
    const [step] = await queue.receive<{ executionId: string }>(WORKFLOW_QUEUE, { maxMessages: 1 });
    expect(step.attributes[TRACE_ID_ATTRIBUTE]).toBe(TRACE_ID);

    // As the recovery sweep would after a crash: run the execution from no trace context at all.
    const seenByPayment: (string | undefined)[] = [];
    const payment = t.app.get(ProcessPaymentHandler);
    const execute = payment.execute.bind(payment);
    jest.spyOn(payment, 'execute').mockImplementation((command) => {
      seenByPayment.push(currentTraceId());
      return execute(command);
    });
    expect(currentTraceId()).toBeUndefined();
    await t.app.get(ExecutionRunner).run(step.body.executionId);
    expect(seenByPayment).toEqual([TRACE_ID]);
  });

  it('mints a trace id when the caller sends none, and honours X-Request-Id', async () => {
    const minted = await t.http().get('/health').expect(200);
    expect(minted.headers['x-trace-id']).toBe(minted.headers['x-request-id']);
    const honoured = await t.http().get('/health').set('X-Request-Id', 'req-abc').expect(200);
    expect(honoured.headers['x-trace-id']).toBe('req-abc');
  });
});

/** A real server process: its stdout is the log stream (and, with METRICS_OUTPUT=both, the EMF stream). */
describe('Trace ids in the logs of a running server, and EMF metrics on its stdout', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let base: string;
  let output = '';
  const lines = () =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../src/main.ts')], {
      env: { ...process.env, ...database.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug', SEED_DEMO: 'false', METRICS_OUTPUT: 'both' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(`${base}/health`, child, 60_000);
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('logs the queue consumer and every workflow step of an order under the trace id it was posted with', async () => {
    const issuer = await DevIssuer.open(database.dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const token = await issuer.mint({ tenantId: 't1', sub: 'u1', groups: ['admin'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', traceparent: TRACEPARENT };
    const created = await fetch(`${base}/v1/orders`, { method: 'POST', headers, body: JSON.stringify(orderBody()) });
    expect(created.status).toBe(201);
    const { orderId } = (await created.json()) as { orderId: string };
    const deadline = Date.now() + 30_000;
    let status = '';
    while (status !== 'COMPLETED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = ((await (await fetch(`${base}/v1/orders/${orderId}`, { headers })).json()) as { status: string }).status;
    }
    expect(status).toBe('COMPLETED');

    const traced = lines().filter((l) => l.traceId === TRACE_ID);
    expect(traced).toContainEqual(expect.objectContaining({ msg: 'request completed' }));
    expect(traced).toContainEqual(expect.objectContaining({ msg: 'Queue message received', queue: ORDER_PROCESSING_QUEUE }));
    expect(traced).toContainEqual(expect.objectContaining({ msg: 'Queue message received', queue: WORKFLOW_QUEUE }));
    const steps = traced.filter((l) => l.msg === 'Workflow event' && l.event === 'TaskStateExited').map((l) => l.state);
    expect(steps).toEqual(['ProcessPayment', 'ArrangeShipment', 'SendNotification', 'CompleteOrder']);
  });

  it('counts the order statuses on /metrics, and writes the same as EMF documents when it shuts down', async () => {
    const scrape = await (await fetch(`${base}/metrics`)).text();
    expect(scrape).toMatch(/mercantil_order_status_transitions_total\{status="COMPLETED"\} 1/);
    expect(scrape).toMatch(/mercantil_workflow_executions_total\{workflow="order-fulfilment",status="SUCCEEDED"\} 1/);
    expect(scrape).toMatch(/http_requests_total\{method="POST",route="\/v1\/orders",status_class="2xx"\} 1/);

    child.kill('SIGTERM');
    await once(child, 'close');
    const emf = lines().filter((l) => l._aws);
    expect(emf).toContainEqual(
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [{ Namespace: 'Mercantil', Dimensions: [['status']], Metrics: [{ Name: 'mercantil_order_status_transitions_total', Unit: 'Count' }] }],
        }),
        status: 'COMPLETED',
        mercantil_order_status_transitions_total: 1,
      }),
    );
    expect(emf).toContainEqual(expect.objectContaining({ route: '/v1/orders', method: 'POST', status_code: '201', http_request_duration_seconds: expect.any(Number) }));
  });
});
