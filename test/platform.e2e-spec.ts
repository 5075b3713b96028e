import { EventBus } from '@nestjs/cqrs';
import { OrderCreatedEvent } from '../src/modules/orders';
import { orderBody } from './support/order-fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('Platform (e2e)', () => {
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '3' });
    auth = `Bearer ${await t.token({ sub: 'limited-user' })}`;
  });
  afterAll(() => t?.close());

  it('rate limits per principal with 429 and Retry-After, leaving other principals alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http().get('/v1/orders').set('Authorization', auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.http().get('/v1/orders').set('Authorization', auth);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', requestId: expect.any(String) });
    const other = `Bearer ${await t.token({ sub: 'someone-else' })}`;
    expect((await t.http().get('/v1/orders').set('Authorization', other)).status).toBe(200);
  });

  it('echoes a caller-supplied request id and mints one otherwise', async () => {
    const echoed = await t.http().get('/nowhere').set('X-Request-Id', 'trace-abc-123');
    expect(echoed.headers['x-request-id']).toBe('trace-abc-123');
    expect(echoed.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /nowhere', requestId: 'trace-abc-123' });
    const minted = await t.http().get('/nowhere').set('X-Request-Id', 'bad id with spaces');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness and readiness including the database', async () => {
    expect((await t.http().get('/health/live')).body.status).toBe('ok');
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('exports Prometheus metrics with per-route latency histograms', async () => {
    const token = `Bearer ${await t.token({ sub: 'metrics-user' })}`;
    await t.http().get('/v1/orders/00000000-0000-4000-8000-000000000000').set('Authorization', token).expect(404);
    const res = await t.http().get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/v1\/orders\/:id",status_code="404"\} 1/);
  });

  it('serves Swagger UI and an OpenAPI 3 document with the bearer scheme and the error shape', async () => {
    expect((await t.http().get('/docs')).text).toMatch(/swagger-ui/i);
    const doc = (await t.http().get('/docs/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const post = doc.paths['/v1/orders'].post;
    expect(post.security).toEqual([{ bearer: [] }]);
    for (const status of ['400', '401', '422', '429', '500']) {
      expect(post.responses[status].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponseDto');
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CreateOrderDto', 'OrderResponseDto', 'OrderPageResponseDto']));
  });

  it('publishes OrderCreated only after the order is committed, and not for replays', async () => {
    const token = `Bearer ${await t.token({ sub: 'events-user' })}`;
    const seen: string[] = [];
    const subscription = t.app.get(EventBus).subscribe((event) => {
      if (event instanceof OrderCreatedEvent) seen.push(event.order.orderId);
    });
    try {
      const headers = { Authorization: token, 'Idempotency-Key': 'events-key' };
      const created = await t.http().post('/v1/orders').set(headers).send(orderBody());
      await t.http().post('/v1/orders').set(headers).send(orderBody());
      expect(seen).toEqual([created.body.orderId]);
      const stored = await t.http().get(`/v1/orders/${created.body.orderId}`).set('Authorization', token);
      expect(stored.status).toBe(200);
    } finally {
      subscription.unsubscribe();
    }
  });
});
