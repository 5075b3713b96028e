import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineMatchConfirmedEvent, MatchInvoiceLinesCommand } from '../src/modules/matching';
import { EventBus } from '@nestjs/cqrs';
import { PRODUCT_REPOSITORY, ProductRepository } from '../src/modules/matching/domain/product-repository.port';
import { startTestApp, TestApp } from './support/test-app';

const CATALOG_CSV = [
  'sku,name,brand,category,unit,price,currency,supplierId,supplierCode,gtin,description',
  'ACEITE-500,Aceite de oliva virgen extra 500 ml,Carbonell,aceites,bottle,4.35,EUR,sup-1,AC-0500,8410010012345,Botella de vidrio',
  'ACEITE-1000,Aceite de oliva virgen extra 1 l,Carbonell,aceites,bottle,7.90,EUR,sup-1,AC-1000,,',
  'AGUA-6X1500,Agua mineral natural pack de 6 x 1.5 l,Font Vella,aguas,pack,3.20,EUR,sup-1,AG-6,,',
  'CAFE-250,Café molido natural 250 g,Marcilla,cafes,pack,2.95,EUR,sup-2,,,',
  'BAD-PRICE,Producto con precio malo,,,,abc,EUR,,,,',
  ',Sin sku,,,,,,,,,',
].join('\n');

describe('Catalog and matching (e2e)', () => {
  let t: TestApp;
  let token: string;
  let otherToken: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({}, { worker: false });
    token = await t.token({ tenantId: 'shop-a' });
    otherToken = await t.token({ tenantId: 'shop-b' });
  });
  afterAll(() => t?.close());

  async function waitForImport(location: string) {
    for (let i = 0; i < 100; i++) {
      const res = await t.http().get(location).set(auth()).expect(200);
      if (res.body.status !== 'running') return res.body;
      await sleep(50);
    }
    throw new Error('import did not finish');
  }

  describe('products', () => {
    it('creates, reads, lists, replaces; 409 on a second create; money stays exact', async () => {
      const created = await t.http().post('/v1/products').set(auth())
        .send({ sku: 'TOMATE-400', name: 'Tomate triturado 400 g', brand: 'Orlando', price: 1.2345, currency: 'EUR' })
        .expect(201);
      expect(created.headers.location).toBe('/v1/products/TOMATE-400');
      expect(created.body).toMatchObject({ sku: 'TOMATE-400', price: '1.2345', currency: 'EUR', description: null });

      await t.http().post('/v1/products').set(auth()).send({ sku: 'TOMATE-400', name: 'Again' }).expect(409);
      const got = await t.http().get('/v1/products/TOMATE-400').set(auth()).expect(200);
      expect(got.body.name).toBe('Tomate triturado 400 g');

      const replaced = await t.http().put('/v1/products/TOMATE-400').set(auth())
        .send({ name: 'Tomate triturado 400 g lata', price: '99999999999.9999', currency: 'EUR', category: 'conservas' })
        .expect(200);
      expect(replaced.body).toMatchObject({ name: 'Tomate triturado 400 g lata', price: '99999999999.9999', brand: null, category: 'conservas' });

      const listed = await t.http().get('/v1/products?category=conservas').set(auth()).expect(200);
      expect(listed.body.items.map((p: { sku: string }) => p.sku)).toEqual(['TOMATE-400']);
    });

    it('refuses invalid input with 400 and field details', async () => {
      const res = await t.http().post('/v1/products').set(auth()).send({ sku: 'has space', name: '', price: '1.23456', extra: 1 }).expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['sku', 'name', 'price', 'currency', 'extra']));
      await t.http().post('/v1/products').set(auth()).send({ sku: 'X1', name: 'x', supplierCode: 'C1' }).expect(400);
      await t.http().put('/v1/products/NOPE').set(auth()).send({ name: 'x' }).expect(404);
      await t.http().get('/v1/products?limit=0').set(auth()).expect(400);
    });

    it('keeps tenants apart: another tenant gets 404 and an empty list', async () => {
      await t.http().get('/v1/products/TOMATE-400').set({ Authorization: `Bearer ${otherToken}` }).expect(404);
      await t.http().put('/v1/products/TOMATE-400').set({ Authorization: `Bearer ${otherToken}` }).send({ name: 'mine' }).expect(404);
      const list = await t.http().get('/v1/products').set({ Authorization: `Bearer ${otherToken}` }).expect(200);
      expect(list.body.items).toEqual([]);
    });
  });

  describe('CSV import', () => {
    it('runs as a job: 202 + Location, progress, row errors, idempotent by sku', async () => {
      const started = await t.http().post('/v1/products/import').set(auth()).set('Content-Type', 'text/csv').send(CATALOG_CSV).expect(202);
      expect(started.headers.location).toMatch(/^\/v1\/products\/imports\/[0-9a-f-]{36}$/);
      expect(started.body).toMatchObject({ status: 'running', total: 6 });
      const done = await waitForImport(started.headers.location);
      expect(done).toMatchObject({ status: 'completed', total: 6, processed: 6, failed: 2 });
      expect(done.errors.map((e: { row: number }) => e.row)).toEqual([5, 6]);
      expect(done.errors[0].message).toMatch(/price/);

      // The same file as a multipart upload: same catalog, no duplicates.
      const again = await t.http().post('/v1/products/import').set(auth()).attach('file', Buffer.from(CATALOG_CSV), 'catalog.csv').expect(202);
      expect((await waitForImport(again.headers.location)).processed).toBe(6);
      const page = await t.http().get('/v1/products?supplierId=sup-1&limit=2').set(auth()).expect(200);
      expect(page.body.items.map((p: { sku: string }) => p.sku)).toEqual(['ACEITE-1000', 'ACEITE-500']);
      const next = await t.http().get(`/v1/products?supplierId=sup-1&limit=2&cursor=${page.body.nextCursor}`).set(auth()).expect(200);
      expect(next.body.items.map((p: { sku: string }) => p.sku)).toEqual(['AGUA-6X1500']);
      expect(next.body.nextCursor).toBeNull();
    });

    it('searches by text, accents and typos included', async () => {
      const search = async (q: string) =>
        (await t.http().get('/v1/products').query({ q }).set(auth()).expect(200)).body.items.map((p: { sku: string }) => p.sku);
      expect(await search('cafe molido')).toEqual(['CAFE-250']);
      expect(await search('Carbonell')).toEqual(['ACEITE-1000', 'ACEITE-500']);
      expect(await search('aceyte de olivas')).toEqual(expect.arrayContaining(['ACEITE-500']));
    });

    it('refuses a bad header, an empty file and other content types', async () => {
      const bad = await t.http().post('/v1/products/import').set(auth()).set('Content-Type', 'text/csv').send('sku,colour\nA,red').expect(400);
      expect(bad.body.message).toMatch(/name.*colour|colour/);
      await t.http().post('/v1/products/import').set(auth()).set('Content-Type', 'text/csv').send('sku,name\n').expect(400);
      await t.http().post('/v1/products/import').set(auth()).set('Content-Type', 'text/plain').send('sku,name\nA,B').expect(415);
      await t.http().get('/v1/products/imports/00000000-0000-4000-8000-000000000000').set(auth()).expect(404);
    });
  });

  describe('matching and review', () => {
    const commandBus = () => t.app.get(CommandBus);
    const confirmed: LineMatchConfirmedEvent[] = [];

    beforeAll(() => {
      t.app.get(EventBus).subscribe((event) => {
        if (event instanceof LineMatchConfirmedEvent) confirmed.push(event);
      });
    });

    it('matches exact keys at stage 1 and well-described lines by score; the rest go to review', async () => {
      const results = await commandBus().execute(
        new MatchInvoiceLinesCommand('shop-a', 'sup-1', 'inv-1', [
          { lineId: 'inv-1-1', description: 'whatever', supplierCode: 'AC-1000' },
          { lineId: 'inv-1-2', description: 'ACEITE OLIVA', supplierCode: '8410010012345' },
          { lineId: 'inv-1-3', description: 'Aceite de oliva virgen extra 0,5 L Carbonell', unitPrice: '4.40' },
          { lineId: 'inv-1-4', description: 'Aceite oliva garrafa', unitPrice: '20.00' },
          { lineId: 'inv-1-5', description: 'Tornillos M6 caja', quantity: 100 },
        ]),
      );
      const byLine = Object.fromEntries(results.map((r) => [r.lineId, r]));
      expect(byLine['inv-1-1']).toMatchObject({ status: 'matched', sku: 'ACEITE-1000', method: 'supplier-code', confidence: 1 });
      expect(byLine['inv-1-2']).toMatchObject({ status: 'matched', sku: 'ACEITE-500', method: 'gtin' });
      expect(byLine['inv-1-3']).toMatchObject({ status: 'matched', sku: 'ACEITE-500', method: 'scored' });
      expect(byLine['inv-1-3'].confidence).toBeGreaterThanOrEqual(0.8);
      expect(byLine['inv-1-4']).toMatchObject({ status: 'review', sku: null, method: 'scored' });
      expect(byLine['inv-1-4'].candidates.map((c: { sku: string }) => c.sku)).toEqual(expect.arrayContaining(['ACEITE-500', 'ACEITE-1000']));
      expect(byLine['inv-1-5']).toMatchObject({ status: 'review', sku: null });

      // Matching the same invoice again does not duplicate review items.
      await commandBus().execute(new MatchInvoiceLinesCommand('shop-a', 'sup-1', 'inv-1', [{ lineId: 'inv-1-4', description: 'Aceite oliva garrafa' }]));
      const review = await t.http().get('/v1/matching/review').set(auth()).expect(200);
      expect(review.body.items.map((i: { lineId: string }) => i.lineId)).toEqual(['inv-1-4', 'inv-1-5']);
      expect(review.body.items[0].candidates.length).toBeGreaterThan(0);
      const firstPage = await t.http().get('/v1/matching/review?limit=1').set(auth()).expect(200);
      const second = await t.http().get(`/v1/matching/review?limit=1&cursor=${firstPage.body.nextCursor}`).set(auth()).expect(200);
      expect(second.body.items.map((i: { lineId: string }) => i.lineId)).toEqual(['inv-1-5']);
    });

    it('a confirmation teaches an alias, so the next invoice matches at stage 1', async () => {
      await t.http().post('/v1/matching/review/inv-1-4').set(auth()).send({ sku: 'NOT-IN-CATALOG' }).expect(422);
      await t.http().post('/v1/matching/review/inv-1-4').set(auth()).send({}).expect(400);
      await t.http().post('/v1/matching/review/inv-1-4').set({ Authorization: `Bearer ${otherToken}` }).send({ sku: 'ACEITE-1000' }).expect(404);
      await t.http().post('/v1/matching/review/no-such-line').set(auth()).send({ sku: 'ACEITE-1000' }).expect(404);

      const resolved = await t.http().post('/v1/matching/review/inv-1-4').set(auth()).send({ sku: 'ACEITE-1000' }).expect(200);
      expect(resolved.body).toMatchObject({ lineId: 'inv-1-4', status: 'resolved', resolvedSku: 'ACEITE-1000' });
      expect(confirmed).toEqual([expect.objectContaining({ tenantId: 'shop-a', invoiceId: 'inv-1', lineId: 'inv-1-4', sku: 'ACEITE-1000' })]);

      const review = await t.http().get('/v1/matching/review').set(auth()).expect(200);
      expect(review.body.items.map((i: { lineId: string }) => i.lineId)).toEqual(['inv-1-5']);

      const [next] = await commandBus().execute(
        new MatchInvoiceLinesCommand('shop-a', 'sup-1', 'inv-2', [{ lineId: 'inv-2-1', description: 'ACEITE  OLIVA, garrafa' }]),
      );
      expect(next).toMatchObject({ status: 'matched', sku: 'ACEITE-1000', method: 'alias', confidence: 1 });
      // The alias belongs to that supplier and tenant only.
      const [otherSupplier] = await commandBus().execute(
        new MatchInvoiceLinesCommand('shop-a', 'sup-2', 'inv-3', [{ lineId: 'inv-3-1', description: 'Aceite oliva garrafa' }]),
      );
      expect(otherSupplier.method).toBe('scored');
      const [otherTenant] = await commandBus().execute(
        new MatchInvoiceLinesCommand('shop-b', 'sup-1', 'inv-4', [{ lineId: 'inv-4-1', description: 'Aceite oliva garrafa', supplierCode: 'AC-1000' }]),
      );
      expect(otherTenant).toMatchObject({ status: 'review', sku: null, candidates: [] });
      const reviewB = await t.http().get('/v1/matching/review').set({ Authorization: `Bearer ${otherToken}` }).expect(200);
      expect(reviewB.body.items.map((i: { lineId: string }) => i.lineId)).toEqual(['inv-4-1']);
    });

    it('a changed supplier code no longer resolves to the product', async () => {
      await t.http().put('/v1/products/ACEITE-1000').set(auth())
        .send({ name: 'Aceite de oliva virgen extra 1 l', supplierId: 'sup-1', supplierCode: 'AC-1000-B' }).expect(200);
      const [old, renamed] = await commandBus().execute(
        new MatchInvoiceLinesCommand('shop-a', 'sup-1', 'inv-5', [
          { lineId: 'inv-5-1', description: 'xyz', supplierCode: 'AC-1000' },
          { lineId: 'inv-5-2', description: 'xyz', supplierCode: 'AC-1000-B' },
        ]),
      );
      expect(old.method).toBe('scored');
      expect(renamed).toMatchObject({ sku: 'ACEITE-1000', method: 'supplier-code' });
    });

    it('a deleted product is gone (204, then 404), its keys no longer resolve, and a new one under its sku continues its version', async () => {
      const before = await t.http().get('/v1/products/ACEITE-1000').set(auth()).expect(200);
      await t.http().delete('/v1/products/ACEITE-1000').set({ Authorization: `Bearer ${otherToken}` }).expect(404);
      await t.http().delete('/v1/products/ACEITE-1000').set(auth()).expect(204);
      await t.http().get('/v1/products/ACEITE-1000').set(auth()).expect(404);
      await t.http().delete('/v1/products/ACEITE-1000').set(auth()).expect(404);
      const [line] = await commandBus().execute(
        new MatchInvoiceLinesCommand('shop-a', 'sup-1', 'inv-6', [{ lineId: 'inv-6-1', description: 'xyz', supplierCode: 'AC-1000-B' }]),
      );
      expect(line.sku).not.toBe('ACEITE-1000');

      const again = await t.http().post('/v1/products').set(auth()).send({ sku: 'ACEITE-1000', name: 'Aceite 1 l' }).expect(201);
      // The delete took version + 1; the new product comes after it, so feed consumers take it as newer.
      expect(again.body.version).toBe(before.body.version + 2);
    });

    it('a create racing a delete of the same sku still comes after the delete, whichever commits first', async () => {
      const products = t.app.get<ProductRepository>(PRODUCT_REPOSITORY);
      const fields = { sku: 'RACE-1', name: 'Carrera', description: null, brand: null, category: null, unit: null, price: null, currency: null, supplierId: null, supplierCode: null, gtin: null };
      for (let round = 0; round < 25; round++) {
        const existing = (await products.get('shop-a', 'RACE-1')) ?? (await products.create('shop-a', fields))!;
        const [deleted, created] = await Promise.all([products.delete('shop-a', 'RACE-1'), products.create('shop-a', fields)]);
        expect(deleted?.version).toBe(existing.version);
        // Either the create lost (the product still existed: null) or it came after the delete's tombstone (version + 1).
        if (created) expect([round, created.version]).toEqual([round, existing.version + 2]);
      }
    });
  });
});
