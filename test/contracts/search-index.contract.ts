import { randomUUID } from 'node:crypto';
import type { IndexChange, ProductDocument, PurchaseDocument } from '../../src/modules/search/domain/search-documents';
import type { ProductSearchQuery, PurchaseSearchQuery, SearchIndex } from '../../src/modules/search/domain/search-index.port';

export interface SearchIndexHarness {
  index: SearchIndex;
  close(): Promise<void>;
}

export function productDoc(tenantId: string, sku: string, fields: Partial<ProductDocument> = {}): ProductDocument {
  return {
    tenantId, sku, name: sku, description: null, brand: null, category: null, price: null, currency: 'EUR', supplierId: null, gtin: null,
    updatedAt: '2024-05-01T10:00:00.000Z', version: 1, ...fields,
  };
}

export function purchaseDoc(tenantId: string, orderId: string, fields: Partial<PurchaseDocument> = {}): PurchaseDocument {
  return {
    tenantId, orderId, customerId: 'cust-1', customerName: 'Ana García', customerEmail: 'ana@example.com', status: 'PENDING',
    totalAmount: '10.00', currency: 'EUR', items: [{ sku: 'CAFE-250', name: 'Café molido', quantity: 1, unitPrice: '10.00' }],
    createdAt: '2024-05-01T10:00:00.000Z', updatedAt: '2024-05-01T10:00:00.000Z', version: 1, ...fields,
  };
}

export const upsert = (document: ProductDocument): IndexChange => ({ kind: 'product', op: 'upsert', document });
const buy = (document: PurchaseDocument): IndexChange => ({ kind: 'purchase', op: 'upsert', document });

/** The behaviour every SearchIndex adapter must share. */
export function describeSearchIndexContract(name: string, open: () => Promise<SearchIndexHarness>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let harness: SearchIndexHarness;
    let index: SearchIndex;
    const tenant = () => `t-${randomUUID()}`;
    const search = (t: string, query: Partial<ProductSearchQuery> = {}) =>
      index.searchProducts(t, { sort: 'relevance', page: 1, pageSize: 20, ...query });
    const skus = async (t: string, query: Partial<ProductSearchQuery> = {}) => (await search(t, query)).hits.map((h) => h.product.sku);
    const purchases = async (t: string, query: Partial<PurchaseSearchQuery> = {}) =>
      (await index.searchPurchases(t, { page: 1, pageSize: 20, ...query })).hits.map((h) => h.purchase.orderId);

    beforeAll(async () => {
      harness = await open();
      index = harness.index;
    });
    afterAll(() => harness?.close());

    it('keeps tenants apart', async () => {
      const [a, b] = [tenant(), tenant()];
      await index.apply(a, [upsert(productDoc(a, 'A-1', { name: 'Aceite de oliva' })), buy(purchaseDoc(a, 'order-a'))]);
      await index.apply(b, [upsert(productDoc(b, 'B-1', { name: 'Vinagre' }))]);
      expect(await skus(a, { q: 'aceite' })).toEqual(['A-1']);
      expect(await skus(b, { q: 'aceite' })).toEqual([]);
      expect(await skus(b)).toEqual(['B-1']);
      expect(await index.autocomplete(b, 'ace', 10)).toEqual([]);
      expect(await purchases(b)).toEqual([]);
      expect(await purchases(a)).toEqual(['order-a']);
    });

    it('applies only newer versions; a delete leaves a tombstone an older upsert cannot revive', async () => {
      const t = tenant();
      const doc = (version: number, name: string) => upsert(productDoc(t, 'P', { name, version }));
      await index.apply(t, [doc(2, 'Leche entera')]);
      await index.apply(t, [doc(1, 'Leche desnatada'), doc(2, 'Leche semidesnatada')]);
      expect((await search(t)).hits.map((h) => [h.product.name, h.product.version])).toEqual([['Leche entera', 2]]);

      await index.apply(t, [{ kind: 'product', op: 'delete', tenantId: t, sku: 'P', version: 3 }]);
      await index.apply(t, [doc(2, 'Leche entera'), doc(3, 'Leche resucitada')]);
      expect((await search(t)).total).toBe(0);
      expect(await skus(t, { q: 'leche' })).toEqual([]);
      expect(await index.autocomplete(t, 'lech', 5)).toEqual([]);

      await index.apply(t, [doc(5, 'Leche sin lactosa'), doc(4, 'Leche vieja')]);
      expect((await search(t, { q: 'lactosa' })).hits.map((h) => h.product.version)).toEqual([5]);
      expect(await skus(t, { q: 'vieja' })).toEqual([]);
    });

    it('tolerates typos by word length: 1 edit up to 5 letters, 2 above, none up to 2', async () => {
      const t = tenant();
      await index.apply(t, [
        upsert(productDoc(t, 'QUESO', { name: 'Queso manchego curado' })),
        upsert(productDoc(t, 'CHOCO', { name: 'Chocolate negro' })),
        upsert(productDoc(t, 'TE', { name: 'Té verde' })),
      ]);
      expect(await skus(t, { q: 'qeso' })).toEqual(['QUESO']);
      expect(await skus(t, { q: 'quxxo' })).toEqual([]);
      expect(await skus(t, { q: 'chokolatte' })).toEqual(['CHOCO']);
      expect(await skus(t, { q: 'chokolatttte' })).toEqual([]);
      expect(await skus(t, { q: 'te' })).toEqual(['TE']);
      expect(await skus(t, { q: 'ta' })).toEqual([]);
      expect(await skus(t, { q: 'manhcego qeso' })).toEqual(['QUESO']);
      // A swap of two neighbouring letters is one edit (fuzzy_transpositions), so a 5-letter word may have one.
      expect(await skus(t, { q: 'qeuso' })).toEqual(['QUESO']);
      expect(await skus(t, { q: 'eqsuo' })).toEqual([]);
    });

    it('matches the last word as a prefix, accents aside, and stems Spanish and English words', async () => {
      const t = tenant();
      await index.apply(t, [
        upsert(productDoc(t, 'LECHE-CHOCO', { name: 'Leche con chocolate' })),
        upsert(productDoc(t, 'CAFE', { name: 'Café molido natural' })),
        upsert(productDoc(t, 'ZAPATOS', { name: 'Zapatos de piel' })),
        upsert(productDoc(t, 'SHOES', { name: 'Running shoes' })),
      ]);
      expect(await skus(t, { q: 'choco' })).toEqual(['LECHE-CHOCO']);
      expect(await skus(t, { q: 'leche choc' })).toEqual(['LECHE-CHOCO']);
      expect(await skus(t, { q: 'cafe' })).toEqual(['CAFE']);
      expect(await skus(t, { q: 'CAFÉ MOLIDO' })).toEqual(['CAFE']);
      expect(await skus(t, { q: 'zapato' })).toEqual(['ZAPATOS']);
      expect(await skus(t, { q: 'shoe' })).toEqual(['SHOES']);
    });

    it('searches name, brand, category and description, name matches first', async () => {
      const t = tenant();
      await index.apply(t, [
        upsert(productDoc(t, 'IN-NAME', { name: 'Tomate triturado' })),
        upsert(productDoc(t, 'IN-DESC', { name: 'Salsa casera', description: 'Hecha con tomate maduro' })),
        upsert(productDoc(t, 'IN-BRAND', { name: 'Atún en aceite', brand: 'Calvo', category: 'conservas' })),
      ]);
      expect(await skus(t, { q: 'tomate' })).toEqual(['IN-NAME', 'IN-DESC']);
      expect(await skus(t, { q: 'calvo' })).toEqual(['IN-BRAND']);
      expect(await skus(t, { q: 'conservas' })).toEqual(['IN-BRAND']);
      // No product holds every word: any of them will do.
      expect((await skus(t, { q: 'tomate calvo' })).sort()).toEqual(['IN-BRAND', 'IN-DESC', 'IN-NAME']);
    });

    it('highlights matches in the document’s own text', async () => {
      const t = tenant();
      await index.apply(t, [upsert(productDoc(t, 'CAFE', { name: 'Café molido', description: 'Un café de Colombia, tostado natural', brand: 'Marcilla' }))]);
      const [hit] = (await search(t, { q: 'cafe' })).hits;
      expect(hit.highlights.name).toEqual(['<em>Café</em> molido']);
      expect(hit.highlights.description?.[0]).toContain('<em>café</em>');
      expect(hit.highlights.brand).toBeUndefined();
      expect(hit.score).toBeGreaterThan(0);
    });

    it('counts facets over the matches before the category and brand filters', async () => {
      const t = tenant();
      await index.apply(t, [
        upsert(productDoc(t, 'A1', { name: 'Aceite de oliva 1 l', category: 'aceites', brand: 'Carbonell' })),
        upsert(productDoc(t, 'A2', { name: 'Aceite de girasol 1 l', category: 'aceites', brand: 'Koipe' })),
        upsert(productDoc(t, 'A3', { name: 'Aceitunas con aceite', category: 'conservas', brand: 'Carbonell' })),
        upsert(productDoc(t, 'X1', { name: 'Vinagre', category: 'vinagres', brand: 'Carbonell' })),
      ]);
      const all = await search(t, { q: 'aceite' });
      expect(all.total).toBe(3);
      expect(all.facets.category).toEqual([{ value: 'aceites', count: 2 }, { value: 'conservas', count: 1 }]);
      expect(all.facets.brand).toEqual([{ value: 'Carbonell', count: 2 }, { value: 'Koipe', count: 1 }]);
      const narrowed = await search(t, { q: 'aceite', category: 'aceites', brand: 'Carbonell' });
      expect(narrowed.hits.map((h) => h.product.sku)).toEqual(['A1']);
      expect(narrowed.total).toBe(1);
      expect(narrowed.facets).toEqual(all.facets);
    });

    it('filters and sorts by exact prices, by name and by newest, and pages', async () => {
      const t = tenant();
      await index.apply(t, [
        upsert(productDoc(t, 'P1', { name: 'Caja c', price: '9.9999', updatedAt: '2024-05-03T00:00:00.000Z' })),
        upsert(productDoc(t, 'P2', { name: 'Caja a', price: '10.00', updatedAt: '2024-05-01T00:00:00.000Z' })),
        upsert(productDoc(t, 'P3', { name: 'Caja b', price: '10.0001', updatedAt: '2024-05-02T00:00:00.000Z' })),
        upsert(productDoc(t, 'P4', { name: 'Caja d', price: '99999999999.9999', updatedAt: '2024-04-01T00:00:00.000Z' })),
        upsert(productDoc(t, 'P5', { name: 'Caja e', price: null, updatedAt: '2024-01-01T00:00:00.000Z' })),
      ]);
      expect(await skus(t, { minPrice: '10' })).toEqual(['P2', 'P3', 'P4']);
      expect(await skus(t, { maxPrice: '10.00' })).toEqual(['P2', 'P1']);
      expect(await skus(t, { minPrice: '10', maxPrice: '10.0001', sort: 'price_desc' })).toEqual(['P3', 'P2']);
      expect(await skus(t, { q: 'caja', sort: 'price_asc' })).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
      expect(await skus(t, { q: 'caja', sort: 'price_desc' })).toEqual(['P4', 'P3', 'P2', 'P1', 'P5']);
      expect(await skus(t, { sort: 'name' })).toEqual(['P2', 'P3', 'P1', 'P4', 'P5']);
      expect((await skus(t, { sort: 'newest' })).slice(0, 3)).toEqual(['P1', 'P3', 'P2']);
      // Prices come back as the catalog writes them (formatAmount), not padded to the column's scale.
      const page1 = await search(t, { sort: 'price_asc', page: 1, pageSize: 2 });
      expect(page1.hits.map((h) => [h.product.sku, h.product.price])).toEqual([['P1', '9.9999'], ['P2', '10.00']]);
      const page2 = await search(t, { sort: 'price_asc', page: 2, pageSize: 2 });
      expect(page2.total).toBe(5);
      expect(page2.hits.map((h) => [h.product.sku, h.product.price])).toEqual([['P3', '10.0001'], ['P4', '99999999999.9999']]);
      expect((await search(t, { sort: 'price_asc', page: 4, pageSize: 2 })).hits).toEqual([]);
    });

    it('autocompletes names by prefix, then names with a word of that prefix', async () => {
      const t = tenant();
      await index.apply(t, [
        upsert(productDoc(t, 'A1', { name: 'Aceite de oliva' })),
        upsert(productDoc(t, 'A2', { name: 'Aceitunas negras' })),
        upsert(productDoc(t, 'A3', { name: 'Vinagre y aceite' })),
        upsert(productDoc(t, 'C1', { name: 'Café molido' })),
        upsert(productDoc(t, 'X1', { name: 'Sal', description: 'aceite' })),
      ]);
      expect(await index.autocomplete(t, 'acei', 10)).toEqual([
        { text: 'Aceite de oliva', sku: 'A1' },
        { text: 'Aceitunas negras', sku: 'A2' },
        { text: 'Vinagre y aceite', sku: 'A3' },
      ]);
      expect(await index.autocomplete(t, 'acei', 2)).toHaveLength(2);
      expect(await index.autocomplete(t, 'aceite de ol', 10)).toEqual([{ text: 'Aceite de oliva', sku: 'A1' }]);
      expect(await index.autocomplete(t, 'CAFE', 10)).toEqual([{ text: 'Café molido', sku: 'C1' }]);
      expect(await index.autocomplete(t, 'zzz', 10)).toEqual([]);
    });

    it('searches purchases by customer, email, order id, item name and sku, with filters', async () => {
      const t = tenant();
      const [o1, o2, o3] = [randomUUID(), randomUUID(), randomUUID()];
      await index.apply(t, [
        buy(purchaseDoc(t, o1, { createdAt: '2024-05-01T10:00:00.000Z', totalAmount: '12.3456' })),
        buy(purchaseDoc(t, o2, {
          customerId: 'cust-2', customerName: 'Luis Pérez', customerEmail: 'luis@example.org', createdAt: '2024-05-02T10:00:00.000Z',
          items: [{ sku: 'ACEITE-500', name: 'Aceite de oliva', quantity: 2, unitPrice: '4.35' }],
        })),
        buy(purchaseDoc(t, o3, { createdAt: '2024-05-03T10:00:00.000Z', version: 2 })),
      ]);
      expect(await purchases(t)).toEqual([o3, o2, o1]);
      expect(await purchases(t, { q: 'perez' })).toEqual([o2]);
      expect(await purchases(t, { q: 'luis@example.org' })).toEqual([o2]);
      expect(await purchases(t, { q: o1 })).toEqual([o1]);
      expect(await purchases(t, { q: 'oliva' })).toEqual([o2]);
      expect(await purchases(t, { q: 'ACEITE-500' })).toEqual([o2]);
      expect(await purchases(t, { customerId: 'cust-1' })).toEqual([o3, o1]);
      expect(await purchases(t, { from: '2024-05-02T10:00:00.000Z', to: '2024-05-03T10:00:00.000Z' })).toEqual([o2]);
      expect(await purchases(t, { from: '2024-05-02' })).toEqual([o3, o2]);
      const page = await index.searchPurchases(t, { page: 2, pageSize: 2 });
      expect(page.total).toBe(3);
      expect(page.hits.map((h) => [h.purchase.orderId, h.purchase.totalAmount])).toEqual([[o1, '12.3456']]);

      await index.apply(t, [buy(purchaseDoc(t, o3, { status: 'OLD', version: 1 })), { kind: 'purchase', op: 'delete', tenantId: t, orderId: o1, version: 2 }]);
      const after = await index.searchPurchases(t, { page: 1, pageSize: 20 });
      expect(after.hits.map((h) => [h.purchase.orderId, h.purchase.status])).toEqual([[o3, 'PENDING'], [o2, 'PENDING']]);
      await index.apply(t, [buy(purchaseDoc(t, o1, { version: 1 }))]);
      expect(await purchases(t, { q: o1 })).toEqual([]);
    });

    it('reindexes beside the live generation: reads stay on it, applies reach both, activate swaps', async () => {
      const t = tenant();
      await index.apply(t, [upsert(productDoc(t, 'OLD', { name: 'Producto viejo' })), upsert(productDoc(t, 'KEPT', { name: 'Producto estable' }))]);
      const target = await index.beginReindex(t);
      await index.load(t, target, [upsert(productDoc(t, 'KEPT', { name: 'Producto estable' })), upsert(productDoc(t, 'NEW', { name: 'Producto nuevo' }))]);
      expect((await skus(t, { q: 'producto' })).sort()).toEqual(['KEPT', 'OLD']);

      await index.apply(t, [upsert(productDoc(t, 'DURING', { name: 'Producto durante' })), upsert(productDoc(t, 'KEPT', { name: 'Producto cambiado', version: 2 }))]);
      // The source of truth read earlier loses to the newer change applied during the build.
      await index.load(t, target, [upsert(productDoc(t, 'KEPT', { name: 'Producto estable' }))]);
      expect((await skus(t, { q: 'producto' })).sort()).toEqual(['DURING', 'KEPT', 'OLD']);

      await index.activate(t, target);
      expect((await skus(t, { q: 'producto' })).sort()).toEqual(['DURING', 'KEPT', 'NEW']);
      expect((await search(t, { q: 'cambiado' })).hits.map((h) => h.product.sku)).toEqual(['KEPT']);
      expect(await skus(t, { q: 'viejo' })).toEqual([]);
      await index.activate(t, target);
      expect((await skus(t, { q: 'producto' })).sort()).toEqual(['DURING', 'KEPT', 'NEW']);
      await expect(index.load(t, target, [upsert(productDoc(t, 'LATE', { name: 'Producto tarde' }))])).rejects.toThrow();
    });

    it('abandons a generation without touching the live one, and starts a fresh one on a second begin', async () => {
      const t = tenant();
      await index.apply(t, [upsert(productDoc(t, 'LIVE', { name: 'Galletas' }))]);
      const first = await index.beginReindex(t);
      await index.load(t, first, [upsert(productDoc(t, 'FIRST', { name: 'Galletas integrales' }))]);
      const second = await index.beginReindex(t);
      expect(second.generation).not.toBe(first.generation);
      await expect(index.load(t, first, [upsert(productDoc(t, 'X', { name: 'Galletas x' }))])).rejects.toThrow();
      await index.load(t, second, [upsert(productDoc(t, 'SECOND', { name: 'Galletas maria' }))]);
      await index.abandon(t, second);
      await index.abandon(t, second);
      expect(await skus(t, { q: 'galletas' })).toEqual(['LIVE']);
      await index.apply(t, [upsert(productDoc(t, 'AFTER', { name: 'Galletas de avena' }))]);
      expect((await skus(t, { q: 'galletas' })).sort()).toEqual(['AFTER', 'LIVE']);

      const fresh = tenant();
      const target = await index.beginReindex(fresh);
      await index.load(fresh, target, [upsert(productDoc(fresh, 'N', { name: 'Natillas' }))]);
      expect(await skus(fresh, { q: 'natillas' })).toEqual([]);
      await index.activate(fresh, target);
      expect(await skus(fresh, { q: 'natilas' })).toEqual(['N']);
    });
  });
}
