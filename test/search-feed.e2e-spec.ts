import { setTimeout as sleep } from 'node:timers/promises';
import { orderBody } from './support/order-fixtures';
import { startTestApp, TestApp } from './support/test-app';

interface Hit {
  product: { sku: string; name: string; price: string | null };
}

/**
 * Writes go in over HTTP only; the live change feed (outbox → relay → ordered queue →
 * search subscriber) carries them to the index. The write-to-searchable lag is measured
 * by bench/search.ts; here every expectation waits for the feed with a generous deadline.
 */
describe('Search over the live change feed (e2e)', () => {
  let t: TestApp;
  let shopA: string;
  let shopB: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    shopA = await t.token({ tenantId: 'feed-a' });
    shopB = await t.token({ tenantId: 'feed-b' });
  });
  afterAll(() => t?.close());

  /** Polls `path` until `accept` holds for its body, then returns the body. */
  async function eventually<T>(token: string, path: string, accept: (body: T) => boolean): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { body } = await t.http().get(path).set(as(token)).expect(200);
      if (accept(body as T) || Date.now() > deadline) return body as T;
      await sleep(25);
    }
  }
  const skus = (body: { hits: Hit[] }) => body.hits.map((h) => h.product.sku).sort();

  it('finds new products with typos, prefixes and autocomplete, each tenant only its own', async () => {
    await t.http().post('/v1/products').set(as(shopA)).send({ sku: 'CHOC-70', name: 'Chocolate negro 70% cacao', brand: 'Valor', category: 'dulces', price: '2.49', currency: 'EUR' }).expect(201);
    await t.http().post('/v1/products').set(as(shopA)).send({ sku: 'GALL-MAR', name: 'Galletas María integrales', brand: 'Fontaneda', category: 'dulces', price: '1.35', currency: 'EUR' }).expect(201);
    await t.http().post('/v1/products').set(as(shopB)).send({ sku: 'CHOC-B', name: 'Chocolate con leche', category: 'dulces', price: '1.99', currency: 'EUR' }).expect(201);

    const typo = await eventually<{ hits: Hit[] }>(shopA, '/search/feed-a/products?q=chocolatr%20negro', (b) => b.hits.length > 0);
    expect(skus(typo)).toEqual(['CHOC-70']);
    const prefix = await eventually<{ hits: Hit[] }>(shopA, '/search/feed-a/products?q=galle', (b) => b.hits.length > 0);
    expect(skus(prefix)).toEqual(['GALL-MAR']);
    const suggestions = await eventually<{ suggestions: { sku: string }[] }>(shopA, '/search/feed-a/products/autocomplete?prefix=cho', (b) => b.suggestions.length > 0);
    expect(suggestions.suggestions.map((s) => s.sku)).toEqual(['CHOC-70']);

    // Tenant B's chocolate is in B's index only, and B's path is closed to A's token.
    const b = await eventually<{ hits: Hit[] }>(shopB, '/search/feed-b/products?q=chocolate', (body) => body.hits.length > 0);
    expect(skus(b)).toEqual(['CHOC-B']);
    expect(skus((await t.http().get('/search/feed-a/products?q=chocolate').set(as(shopA)).expect(200)).body)).toEqual(['CHOC-70']);
    await t.http().get('/search/feed-b/products?q=chocolate').set(as(shopA)).expect(404);
  });

  it('shows updates and deletes', async () => {
    await t.http().put('/v1/products/CHOC-70').set(as(shopA)).send({ name: 'Chocolate blanco', brand: 'Valor', category: 'dulces', price: '2.99', currency: 'EUR' }).expect(200);
    const updated = await eventually<{ hits: Hit[] }>(shopA, '/search/feed-a/products?q=blanco', (body) => body.hits.length > 0);
    expect(updated.hits.map((h) => [h.product.sku, h.product.price])).toEqual([['CHOC-70', '2.99']]);
    expect((await t.http().get('/search/feed-a/products?q=negro').set(as(shopA)).expect(200)).body.hits).toEqual([]);

    await t.http().delete('/v1/products/GALL-MAR').set(as(shopA)).expect(204);
    const gone = await eventually<{ total: number }>(shopA, '/search/feed-a/products?q=galletas', (body) => body.total === 0);
    expect(gone.total).toBe(0);
    const left = await eventually<{ suggestions: unknown[] }>(shopA, '/search/feed-a/products/autocomplete?prefix=gall', (body) => body.suggestions.length === 0);
    expect(left.suggestions).toEqual([]);
  });

  it('finds purchases by customer, with their status kept current by the fulfilment', async () => {
    const order = await t.http().post('/v1/orders').set(as(shopA)).send(orderBody({ customerName: 'Íñigo Zubizarreta', customerId: 'cust-feed' })).expect(201);
    const found = await eventually<{ hits: { purchase: { orderId: string; status: string } }[] }>(
      shopA,
      '/search/feed-a/purchases?q=inigo%20zubizareta',
      (body) => body.hits.some((h) => h.purchase.status === 'COMPLETED'),
    );
    expect(found.hits.map((h) => [h.purchase.orderId, h.purchase.status])).toEqual([[order.body.orderId, 'COMPLETED']]);
    expect((await t.http().get('/search/feed-b/purchases?q=zubizarreta').set(as(shopB)).expect(200)).body.total).toBe(0);
  });
});
