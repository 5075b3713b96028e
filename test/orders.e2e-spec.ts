import { randomUUID } from 'node:crypto';
import { orderStoreHarnesses } from './support/order-stores';
import { startTestApp, TestApp } from './support/test-app';
import { orderBody } from './support/order-fixtures';

describe.each(orderStoreHarnesses())('Orders API (e2e) on $name', ({ start }) => {
  let t: TestApp;
  let auth: string;
  let stopStore: () => Promise<void>;

  beforeAll(async () => {
    const store = await start();
    stopStore = store.stop;
    // The CRUD contract needs orders to stay PENDING; fulfilment has its own suites.
    t = await startTestApp(store.env, { worker: false });
    auth = `Bearer ${await t.token({ tenantId: 't1', sub: 'u1' })}`;
  });
  afterAll(async () => {
    await t?.close();
    await stopStore?.();
  });

  const create = (body: object = orderBody(), headers: Record<string, string> = {}) =>
    t.http().post('/v1/orders').set('Authorization', auth).set(headers).send(body);

  describe('POST /v1/orders', () => {
    it('creates a PENDING order with an exact server-side total, Location and ETag', async () => {
      const res = await create(orderBody({ totalAmount: undefined }));
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/v1/orders/${res.body.orderId}`);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        tenantId: 't1',
        status: 'PENDING',
        totalAmount: '13.15',
        currency: 'EUR',
        version: 1,
        items: [expect.objectContaining({ unitPrice: '4.35' }), expect.objectContaining({ unitPrice: '0.1' })],
      });
    });

    it('defaults the payment method to pm_card_visa and keeps a chosen one', async () => {
      expect((await create()).body.paymentMethod).toBe('pm_card_visa');
      const chosen = await create(orderBody({ paymentMethod: 'pm_card_mastercard' }));
      expect(chosen.status).toBe(201);
      const read = await t.http().get(`/v1/orders/${chosen.body.orderId}`).set('Authorization', auth);
      expect(read.body.paymentMethod).toBe('pm_card_mastercard');
    });

    it.each(['4242424242424242', 'pm_card visa', 'card_visa', 'pm_'])('refuses the payment method %j', async (paymentMethod) => {
      const res = await create(orderBody({ paymentMethod }));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['paymentMethod']);
    });

    it('ignores nothing: a client-sent totalAmount is an unknown field', async () => {
      const res = await create(orderBody({ totalAmount: '0.01' }));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'totalAmount' })]);
    });

    it.each([
      ['wrong types', orderBody({ items: [{ sku: 'A', name: 'A', quantity: '3', unitPrice: '1' }] }), 'items.0.quantity'],
      ['a float-looking price with 5 decimals', orderBody({ items: [{ sku: 'A', name: 'A', quantity: 1, unitPrice: '1.00001' }] }), 'items.0.unitPrice'],
      ['a negative price', orderBody({ items: [{ sku: 'A', name: 'A', quantity: 1, unitPrice: '-1' }] }), 'items.0.unitPrice'],
      ['no items', orderBody({ items: [] }), 'items'],
      ['a bad email', orderBody({ customerEmail: 'nope' }), 'customerEmail'],
      ['an unknown nested field', orderBody({ shippingAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'ES', planet: 'Mars' } }), 'shippingAddress.planet'],
      ['a bad currency', orderBody({ currency: 'EURO' }), 'currency'],
    ])('rejects %s with 400 naming the field', async (_name, body, field) => {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('rejects malformed JSON with 400 in the shared error shape', async () => {
      const res = await t.http().post('/v1/orders').set('Authorization', auth).set('Content-Type', 'application/json').send('{"customerId": ');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Request body is not valid JSON', requestId: res.headers['x-request-id'] });
    });

    it('rejects an oversize body with 413', async () => {
      const res = await create(orderBody({ customerName: 'x'.repeat(1_100_000) }));
      expect(res.status).toBe(413);
      expect(res.body.error).toBe('Payload Too Large');
    });

    it('replays the same order for a repeated Idempotency-Key and body', async () => {
      const key = randomUUID();
      const first = await create(orderBody(), { 'Idempotency-Key': key });
      const second = await create(orderBody(), { 'Idempotency-Key': key });
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
    });

    it('answers 422 when an Idempotency-Key is reused with another body', async () => {
      const key = randomUUID();
      await create(orderBody(), { 'Idempotency-Key': key });
      const res = await create(orderBody({ customerId: 'someone-else' }), { 'Idempotency-Key': key });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/Idempotency-Key/);
    });

    it('creates exactly one order when the same key is sent concurrently', async () => {
      const key = randomUUID();
      const customerId = `race-${key}`;
      const results = await Promise.all(Array.from({ length: 4 }, () => create(orderBody({ customerId }), { 'Idempotency-Key': key })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.orderId)).size).toBe(1);
      const list = await t.http().get(`/v1/orders?customerId=${customerId}`).set('Authorization', auth);
      expect(list.body.items).toHaveLength(1);
    });
  });

  describe('GET /v1/orders/:id', () => {
    it('returns the order with its ETag', async () => {
      const created = await create();
      const res = await t.http().get(`/v1/orders/${created.body.orderId}`).set('Authorization', auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created.body);
      expect(res.headers.etag).toBe('"1"');
    });

    it('answers 404 for unknown and malformed ids', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const res = await t.http().get(`/v1/orders/${id}`).set('Authorization', auth);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
      }
    });
  });

  describe('tenant isolation', () => {
    it('hides one tenant’s orders from another: 404 on read, update and cancel; absent from lists', async () => {
      const created = await create(orderBody({ customerId: 'shared-customer-id' }));
      const other = `Bearer ${await t.token({ tenantId: 't2', sub: 'u1' })}`;
      const id = created.body.orderId;
      expect((await t.http().get(`/v1/orders/${id}`).set('Authorization', other)).status).toBe(404);
      expect((await t.http().put(`/v1/orders/${id}`).set('Authorization', other).send({ shippingAddress: orderBody().shippingAddress })).status).toBe(404);
      expect((await t.http().delete(`/v1/orders/${id}`).set('Authorization', other)).status).toBe(404);
      const list = await t.http().get('/v1/orders?customerId=shared-customer-id').set('Authorization', other);
      expect(list.body.items).toEqual([]);
      expect((await t.http().get(`/v1/orders/${id}`).set('Authorization', auth)).body.status).toBe('PENDING');
    });
  });

  describe('GET /v1/orders', () => {
    it('pages newest first by customer with an opaque cursor, no gaps or repeats', async () => {
      const customerId = `pager-${randomUUID()}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create(orderBody({ customerId }))).body.orderId);
      const seen: string[] = [];
      let cursor: string | null = null;
      type Page = { status: number; body: { items: { orderId: string }[]; nextCursor: string | null } };
      do {
        const res: Page = await t.http().get("/v1/orders").query({ customerId, limit: 2, ...(cursor ? { cursor } : {}) }).set("Authorization", auth);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((o: { orderId: string }) => o.orderId));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids.reverse());
    });

    it('filters by status', async () => {
      const customerId = `status-${randomUUID()}`;
      const a = await create(orderBody({ customerId }));
      await create(orderBody({ customerId }));
      await t.http().delete(`/v1/orders/${a.body.orderId}`).set('Authorization', auth);
      const res = await t.http().get('/v1/orders').query({ customerId, status: 'CANCELLED' }).set('Authorization', auth);
      expect(res.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([a.body.orderId]);
    });

    it.each([
      ['limit=0', { limit: 0 }],
      ['limit=101', { limit: 101 }],
      ['limit=abc', { limit: 'abc' }],
      ['an unknown status', { status: 'LOST' }],
      ['an unknown parameter', { sort: 'asc' }],
      ['a forged cursor', { cursor: 'eyJ4IjoxfQ' }],
    ])('rejects %s with 400', async (_name, query) => {
      const res = await t.http().get('/v1/orders').query(query).set('Authorization', auth);
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
    });
  });

  describe('PUT /v1/orders/:id', () => {
    it('updates items of a PENDING order, recomputing the total and bumping the version', async () => {
      const created = await create();
      const res = await t.http().put(`/v1/orders/${created.body.orderId}`).set('Authorization', auth).set('If-Match', '"1"')
        .send({ items: [{ sku: 'X', name: 'X', quantity: 2, unitPrice: '1.005' }] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ totalAmount: '2.01', version: 2 });
      expect(res.headers.etag).toBe('"2"');
    });

    it('answers 412 on a stale If-Match and 409 on a stale body version', async () => {
      const created = await create();
      const url = `/v1/orders/${created.body.orderId}`;
      const address = { shippingAddress: { ...orderBody().shippingAddress, city: 'Sevilla' } };
      await t.http().put(url).set('Authorization', auth).send(address).expect(200);
      const stale = await t.http().put(url).set('Authorization', auth).set('If-Match', '"1"').send(address);
      expect(stale.status).toBe(412);
      const staleBody = await t.http().put(url).set('Authorization', auth).send({ ...address, version: 1 });
      expect(staleBody.status).toBe(409);
    });

    it('lets only one of two concurrent writers with the same version win', async () => {
      const created = await create();
      const url = `/v1/orders/${created.body.orderId}`;
      const results = await Promise.all(
        ['Sevilla', 'Bilbao'].map((city) =>
          t.http().put(url).set('Authorization', auth).set('If-Match', '"1"').send({ shippingAddress: { ...orderBody().shippingAddress, city } }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, expect.any(Number)]);
      expect([409, 412]).toContain(results.map((r) => r.status).sort()[1]);
    });

    it('answers 409 once the order is no longer PENDING', async () => {
      const created = await create();
      const url = `/v1/orders/${created.body.orderId}`;
      await t.http().delete(url).set('Authorization', auth).expect(200);
      const res = await t.http().put(url).set('Authorization', auth).send({ shippingAddress: orderBody().shippingAddress });
      expect(res.status).toBe(409);
    });

    it('rejects an empty update and a malformed If-Match with 400', async () => {
      const created = await create();
      const url = `/v1/orders/${created.body.orderId}`;
      expect((await t.http().put(url).set('Authorization', auth).send({})).status).toBe(400);
      expect((await t.http().put(url).set('Authorization', auth).set('If-Match', 'banana').send({ shippingAddress: orderBody().shippingAddress })).status).toBe(400);
    });
  });

  describe('DELETE /v1/orders/:id', () => {
    it('cancels rather than deletes, and refuses to cancel twice', async () => {
      const created = await create();
      const url = `/v1/orders/${created.body.orderId}`;
      const res = await t.http().delete(url).set('Authorization', auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'CANCELLED', version: 2 });
      expect((await t.http().get(url).set('Authorization', auth)).body.status).toBe('CANCELLED');
      const again = await t.http().delete(url).set('Authorization', auth);
      expect(again.status).toBe(409);
    });

    it('answers 412 when If-Match is stale', async () => {
      const created = await create();
      const res = await t.http().delete(`/v1/orders/${created.body.orderId}`).set('Authorization', auth).set('If-Match', '"7"');
      expect(res.status).toBe(412);
    });
  });
});
