import { setTimeout as sleep } from 'node:timers/promises';
import { changeIdOf, ChangeEvent } from '../src/common/change-feed/change-event';
import { SearchChangeSubscriber } from '../src/modules/search';
import { orderBody } from './support/order-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { DataSource } from 'typeorm';

const PRODUCTS = [
  { sku: 'ACEITE-500', name: 'Aceite de oliva virgen extra 500 ml', brand: 'Carbonell', category: 'aceites', price: '4.35', currency: 'EUR' },
  { sku: 'ACEITE-1000', name: 'Aceite de girasol 1 l', brand: 'Koipe', category: 'aceites', price: '2.10', currency: 'EUR' },
  { sku: 'CAFE-250', name: 'Café molido natural 250 g', brand: 'Marcilla', category: 'cafes', price: '2.95', currency: 'EUR',
    description: 'Café de tueste natural' },
];

describe('Search API (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let clerk: string;
  let other: string;
  let orderId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  function change(entity: 'product' | 'order', data: Record<string, unknown>, op: 'upsert' | 'delete' = 'upsert'): ChangeEvent {
    const key = String(entity === 'product' ? data.sku : data.orderId);
    const version = Number(data.version);
    const tenantId = 'shop-a';
    return { changeId: changeIdOf({ entity, tenantId, key, version }), tenantId, entity, key, version, op, occurredAt: new Date().toISOString(), data: { ...data, tenantId } };
  }
  const feed = (...changes: ChangeEvent[]) => t.app.get(SearchChangeSubscriber).handleChanges(changes);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token({ tenantId: 'shop-a', groups: ['admin'] });
    clerk = await t.token({ tenantId: 'shop-a', groups: [] });
    other = await t.token({ tenantId: 'shop-b', groups: ['admin'] });
    const changes: ChangeEvent[] = [];
    for (const product of PRODUCTS) {
      const res = await t.http().post('/v1/products').set(as(admin)).send(product).expect(201);
      changes.push(change('product', res.body));
    }
    const order = await t.http().post('/v1/orders').set(as(admin)).send(orderBody({ customerName: 'Lucía Fernández' })).expect(201);
    orderId = order.body.orderId;
    changes.push(change('order', order.body));
    await feed(...changes);
    // In the catalog and fed to the index by the live change feed, then lost from the index
    // (as a wiped or corrupted index would lose it): only a reindex from the catalog brings it back.
    await t.http().post('/v1/products').set(as(admin)).send({ sku: 'GALLETAS', name: 'Galletas María', price: '1.20', currency: 'EUR' }).expect(201);
    const galletas = () => t.http().get('/search/shop-a/products?q=galletas').set(as(admin)).expect(200);
    let fed = 0;
    for (const deadline = Date.now() + 10_000; fed === 0 && Date.now() < deadline; await sleep(50)) fed = (await galletas()).body.total;
    expect(fed).toBe(1);
    await t.app.get(DataSource).query(`DELETE FROM search_products WHERE tenant_id = 'shop-a' AND sku = 'GALLETAS'`);
  });
  afterAll(() => t?.close());

  const search = (path: string, token = admin) => t.http().get(`/search/shop-a${path}`).set(as(token));

  it('searches products with typos, prefixes, facets, highlights and exact prices', async () => {
    const res = await search('/products?q=aceyte&sort=price_asc').expect(200);
    expect(res.body.total).toBe(2);
    // Prices stay the catalog's exact decimal text.
    expect(res.body.hits.map((h: { product: { sku: string; price: string } }) => [h.product.sku, h.product.price])).toEqual([
      ['ACEITE-1000', '2.10'],
      ['ACEITE-500', '4.35'],
    ]);
    expect(res.body.facets.brand).toEqual([{ value: 'Carbonell', count: 1 }, { value: 'Koipe', count: 1 }]);

    const byBrand = await search('/products?q=aceite&brand=Koipe').expect(200);
    expect(byBrand.body.hits.map((h: { product: { sku: string } }) => h.product.sku)).toEqual(['ACEITE-1000']);
    expect(byBrand.body.facets.category).toEqual([{ value: 'aceites', count: 2 }]);
    const byPrice = await search('/products?q=aceite&minPrice=2.10&maxPrice=2.1').expect(200);
    expect(byPrice.body.hits.map((h: { product: { sku: string } }) => h.product.sku)).toEqual(['ACEITE-1000']);

    const cafe = await search('/products?q=cafe%20mol').expect(200);
    expect(cafe.body.hits[0].product.sku).toBe('CAFE-250');
    expect(cafe.body.hits[0].highlights.name[0]).toContain('<em>Café</em>');
    expect((await search('/products?q=galletas').expect(200)).body.total).toBe(0);
  });

  it('autocompletes, searches purchases, and searches everything at once', async () => {
    const auto = await search('/products/autocomplete?prefix=acei&limit=1').expect(200);
    expect(auto.body).toEqual({ suggestions: [{ text: 'Aceite de girasol 1 l', sku: 'ACEITE-1000' }] });

    const purchases = await search('/purchases?q=lucia&customerId=cust-1&from=2020-01-01').expect(200);
    expect(purchases.body.hits.map((h: { purchase: { orderId: string } }) => h.purchase.orderId)).toEqual([orderId]);
    expect((await search('/purchases?to=2020-01-01').expect(200)).body.total).toBe(0);

    const all = await search('?q=aceite').expect(200);
    expect(all.body.products.total).toBe(2);
    expect(all.body.purchases.hits.map((h: { purchase: { orderId: string } }) => h.purchase.orderId)).toEqual([orderId]);
  });

  it('refuses bad queries with 400', async () => {
    for (const query of [
      '/products?pageSize=101', '/products?page=0', '/products?minPrice=abc', '/products?minPrice=5&maxPrice=1', '/products?sort=cheapest',
      '/products?color=red', '/products/autocomplete', '/products/autocomplete?prefix=a&limit=x', '/purchases?from=yesterday',
      '/purchases?from=2024-02-01&to=2024-01-01', '', '?q=x&pageSize=1000',
    ]) {
      const res = await search(query);
      expect([query, res.status]).toEqual([query, 400]);
    }
  });

  it('answers 404 for another tenant, whoever asks', async () => {
    for (const path of ['?q=aceite', '/products?q=aceite', '/products/autocomplete?prefix=ac', '/purchases']) {
      await search(path, other).expect(404);
      await t.http().get(`/search/shop-b${path}`).set(as(admin)).expect(404);
    }
    await t.http().get('/search/shop-a/products').expect(401);
  });

  it('applies updates and deletes from the change feed, in version order', async () => {
    const product = (await t.http().get('/v1/products/CAFE-250').set(as(admin)).expect(200)).body;
    await feed(change('product', { ...product, name: 'Café en grano 1 kg', version: 2 }));
    await feed(change('product', { ...product, version: 1 }));
    expect((await search('/products?q=grano').expect(200)).body.hits[0].product).toMatchObject({ sku: 'CAFE-250', version: 2 });
    await feed(change('product', { ...product, version: 3 }, 'delete'), change('product', { ...product, version: 2 }));
    expect((await search('/products?q=cafe').expect(200)).body.total).toBe(0);
  });

  it('reindexes from the source of truth as a job while searches keep being served', async () => {
    await t.http().post('/v1/search/reindex').set(as(clerk)).expect(403);
    const started = await t.http().post('/v1/search/reindex').set(as(admin)).expect(202);
    expect(started.headers.location).toBe(`/v1/search/reindex/${started.body.jobId}`);
    expect(started.body).toMatchObject({ status: 'queued', processed: 0 });
    await t.http().get(started.headers.location).set(as(other)).expect(404);

    let job = started.body;
    for (let i = 0; i < 200 && (job.status === 'queued' || job.status === 'running'); i++) {
      expect((await search('/products?q=aceite').expect(200)).body.total).toBe(2);
      await sleep(50);
      job = (await t.http().get(started.headers.location).set(as(admin)).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'completed', processed: 5, total: 5, error: null });
    expect(Date.parse(job.finishedAt)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));

    // The catalog is the truth: the product never fed is found, the one deleted only in the index is back.
    expect((await search('/products?q=galletas').expect(200)).body.hits[0].product.sku).toBe('GALLETAS');
    expect((await search('/products?q=cafe').expect(200)).body.hits[0].product.sku).toBe('CAFE-250');
    expect((await search(`/purchases?q=${orderId}`).expect(200)).body.total).toBe(1);
  });

  it('documents the unversioned search paths and the versioned reindex in OpenAPI', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/search/{tenantId}', '/search/{tenantId}/products', '/search/{tenantId}/products/autocomplete',
        '/search/{tenantId}/purchases', '/v1/search/reindex', '/v1/search/reindex/{jobId}']),
    );
    expect(doc.paths['/search/{tenantId}/products'].get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ProductSearchResponseDto',
    );
  });
});
