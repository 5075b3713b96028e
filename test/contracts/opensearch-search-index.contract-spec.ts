import { ConflictError, InvalidInputError } from '../../src/common/errors/application-errors';
import { OpenSearchSearchIndex } from '../../src/infrastructure/aws/opensearch-search-index.adapter';
import { tenantSegment } from '../../src/infrastructure/aws/opensearch-index-names';
import type { IndexChange, ProductDocument, PurchaseDocument } from '../../src/modules/search/domain/search-documents';
import { fakeOpenSearch, openSearchFixture as fixture } from '../support/fake-opensearch';

/**
 * No OpenSearch server runs here: the adapter drives the real client against a fake node
 * that records each request and answers with recorded OpenSearch response shapes
 * (test/fixtures/opensearch). The assertions pin the DSL sent and the parsing of replies.
 */
const ALIASES = '/mercantil-products-acme.*,mercantil-purchases-acme.*/_alias';
const BUILDING = 'glw9x2k1a3f07c';

const product = (sku: string, version: number, extra: Partial<ProductDocument> = {}): ProductDocument => ({
  tenantId: 'acme',
  sku,
  name: `Producto ${sku}`,
  description: null,
  brand: 'Acme',
  category: 'Calzado',
  price: '59.90',
  currency: 'EUR',
  supplierId: null,
  gtin: null,
  updatedAt: '2024-05-02T10:15:00.000Z',
  version,
  ...extra,
});

const purchase = (orderId: string, version: number): PurchaseDocument => ({
  tenantId: 'acme',
  orderId,
  customerId: 'cus-42',
  customerName: 'Lucía Fernández',
  customerEmail: 'lucia.fernandez@example.es',
  status: 'COMPLETED',
  totalAmount: '119.80',
  currency: 'EUR',
  items: [{ sku: 'ZAP-001', name: 'Zapatillas de running Trail', quantity: 2, unitPrice: '59.90' }],
  createdAt: '2024-05-02T10:20:00.000Z',
  updatedAt: '2024-05-02T10:21:30.000Z',
  version,
});

const upsert = (document: ProductDocument): IndexChange => ({ kind: 'product', op: 'upsert', document });
const external = (index: string, id: string, version: number) => ({ _index: index, _id: id, version, version_type: 'external' });

describe('OpenSearchSearchIndex writes and reindex (recorded DSL and responses)', () => {
  const os = fakeOpenSearch();
  const index = new OpenSearchSearchIndex(os.transport, 'mercantil');
  const { sent, only } = os;

  beforeEach(() => os.reset());

  describe('apply', () => {
    it('creates a new tenant’s index lazily, with strict bilingual mappings, behind its alias', async () => {
      os.route('GET', ALIASES, 200, {});
      os.route('PUT', '/mercantil-products-acme.0', 200, fixture('create-index.json'));
      os.route('POST', '/_bulk', 200, { took: 3, errors: false, items: [{ index: { _index: 'mercantil-products-acme.0', _id: 'ZAP-001', status: 201 } }] });

      await index.apply('acme', [upsert(product('ZAP-001', 4))]);

      expect(os.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${ALIASES}`, 'PUT /mercantil-products-acme.0', 'POST /_bulk']);
      const { body } = only('PUT', '/mercantil-products-acme.0');
      expect(body.aliases).toEqual({ 'mercantil-products-acme': {} });
      expect(body.settings.index).toEqual({ number_of_shards: 1, gc_deletes: '1h' });
      expect(body.settings.analysis.filter.autocomplete_edge_ngram).toEqual({ type: 'edge_ngram', min_gram: 1, max_gram: 20 });
      expect(body.settings.analysis.analyzer).toMatchObject({
        autocomplete_index: { tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'autocomplete_edge_ngram'] },
        autocomplete_search: { tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        spanish_folded: { filter: ['lowercase', 'spanish_stop', 'spanish_stemmer', 'asciifolding'] },
        english_folded: { filter: ['english_possessive', 'lowercase', 'english_stop', 'english_stemmer', 'asciifolding'] },
      });
      const { dynamic, properties } = body.mappings;
      expect(dynamic).toBe('strict');
      expect(properties.name).toEqual({
        type: 'text',
        analyzer: 'folded',
        fields: {
          es: { type: 'text', analyzer: 'spanish_folded' },
          en: { type: 'text', analyzer: 'english_folded' },
          autocomplete: { type: 'text', analyzer: 'autocomplete_index', search_analyzer: 'autocomplete_search' },
          sort: { type: 'keyword', normalizer: 'folded_keyword', ignore_above: 1024 },
        },
      });
      expect(properties.description.fields).toEqual({ es: { type: 'text', analyzer: 'spanish_folded' }, en: { type: 'text', analyzer: 'english_folded' } });
      expect(properties.category).toEqual({ type: 'keyword', fields: { text: { type: 'text', analyzer: 'folded' } } });
      expect(properties.brand).toEqual(properties.category);
      expect(properties.price).toEqual({
        type: 'keyword',
        index: false,
        doc_values: false,
        fields: { scaled: { type: 'scaled_float', scaling_factor: 10000 } },
      });
      expect(properties.updatedAt).toEqual({ type: 'date' });
      expect(properties.version).toEqual({ type: 'long' });
      // Strict mappings must know every field a product document carries.
      expect(Object.keys(properties).sort()).toEqual(Object.keys(product('X', 1)).sort());
    });

    it('maps purchases with customer fields, a keyword order id and items as objects', async () => {
      os.route('GET', ALIASES, 200, {});
      os.route('PUT', '/mercantil-purchases-acme.0', 200, fixture('create-index.json'));
      os.route('POST', '/_bulk', 200, { took: 1, errors: false, items: [] });

      await index.apply('acme', [{ kind: 'purchase', op: 'upsert', document: purchase('ord-1', 3) }]);

      const { body } = only('PUT', '/mercantil-purchases-acme.0');
      expect(body.aliases).toEqual({ 'mercantil-purchases-acme': {} });
      const { properties } = body.mappings;
      expect(properties.orderId).toEqual({ type: 'keyword' });
      expect(properties.customerId).toEqual({ type: 'keyword' });
      expect(properties.customerName).toEqual({ type: 'text', analyzer: 'folded' });
      expect(properties.createdAt).toEqual({ type: 'date' });
      expect(properties.items.type).toBe('object');
      expect(properties.items.properties.name).toEqual({ type: 'text', analyzer: 'folded' });
      expect(properties.items.properties.sku).toEqual({ type: 'keyword' });
      expect(Object.keys(properties).sort()).toEqual(Object.keys(purchase('x', 1)).sort());
      expect(Object.keys(properties.items.properties).sort()).toEqual(Object.keys(purchase('x', 1).items[0]).sort());
      expect(only('POST', '/_bulk').body).toEqual([{ index: external('mercantil-purchases-acme', 'ord-1', 3) }, purchase('ord-1', 3)]);
    });

    it('writes one _bulk with external versions through the alias, and ignores 409 "already newer" items', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-live.json'));
      os.route('POST', '/_bulk', 200, fixture('bulk-with-conflict.json'));
      const changes: IndexChange[] = [
        upsert(product('ZAP-001', 4)),
        upsert(product('ZAP-014', 2)),
        { kind: 'product', op: 'delete', tenantId: 'acme', sku: 'ZAP-099', version: 7 },
        { kind: 'purchase', op: 'delete', tenantId: 'acme', orderId: 'ord-9', version: 2 },
      ];

      await index.apply('acme', changes);

      expect(os.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
      expect(only('POST', '/_bulk').body).toEqual([
        { index: external('mercantil-products-acme', 'ZAP-001', 4) },
        product('ZAP-001', 4),
        { index: external('mercantil-products-acme', 'ZAP-014', 2) },
        product('ZAP-014', 2),
        { delete: external('mercantil-products-acme', 'ZAP-099', 7) },
        { delete: external('mercantil-purchases-acme', 'ord-9', 2) },
      ]);
    });

    it('goes on when another process created the index first', async () => {
      os.route('GET', ALIASES, 200, {});
      os.route('PUT', '/mercantil-products-acme.0', 400, fixture('error-index-exists.json'));
      os.route('POST', '/_bulk', 200, { took: 1, errors: false, items: [] });

      await index.apply('acme', [upsert(product('ZAP-001', 1))]);

      expect(sent('POST', '/_bulk')).toHaveLength(1);
    });

    it('throws with the details of any bulk item error other than a version conflict', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-live.json'));
      os.route('POST', '/_bulk', 200, fixture('bulk-with-mapper-error.json'));

      const failure = index.apply('acme', [upsert(product('ZAP-001', 4)), upsert(product('ZAP-014', 3, { updatedAt: 'yesterday' }))]);

      await expect(failure).rejects.toThrow(
        /rejected 1 bulk action\(s\): index mercantil-products-acme\.0\/ZAP-014: 400 mapper_parsing_exception: failed to parse field \[updatedAt\].*\(illegal_argument_exception/,
      );
      await expect(failure).rejects.not.toThrow(/ZAP-001/);
    });

    it('also writes to the generation being rebuilt, found through its building alias', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-reindexing.json'));
      os.route('POST', '/_bulk', 200, { took: 1, errors: false, items: [] });

      await index.apply('acme', [{ kind: 'product', op: 'delete', tenantId: 'acme', sku: 'ZAP-001', version: 9 }]);

      expect(only('POST', '/_bulk').body).toEqual([
        { delete: external('mercantil-products-acme', 'ZAP-001', 9) },
        { delete: external(`mercantil-products-acme.${BUILDING}`, 'ZAP-001', 9) },
      ]);
    });

    it('refuses a change of another tenant before writing anything', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-live.json'));

      await expect(index.apply('acme', [upsert(product('ZAP-001', 1, { tenantId: 'globex' }))])).rejects.toThrow(/another tenant/);
      expect(sent('POST', '/_bulk')).toHaveLength(0);
    });

    it('sends nothing for an empty batch', async () => {
      await index.apply('acme', []);
      expect(os.requests).toHaveLength(0);
    });
  });

  describe('reindex', () => {
    const NEXT = (kind: string) => `mercantil-${kind}-acme.${BUILDING}`;
    const target = { generation: BUILDING };
    const acknowledged = { acknowledged: true };

    it('creates the next generation of both kinds behind building aliases, replacing a stale one', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-reindexing.json'));
      os.route('DELETE', `/${NEXT('products')},${NEXT('purchases')}`, 200, acknowledged);
      os.route('PUT', /^\/mercantil-(products|purchases)-acme\.g[a-z0-9]+$/, 200, fixture('create-index.json'));

      const { generation } = await index.beginReindex('acme');

      expect(generation).toMatch(/^g[a-z0-9]+$/);
      expect(generation).not.toBe(BUILDING);
      expect(os.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${ALIASES}`,
        `DELETE /${NEXT('products')},${NEXT('purchases')}`,
        `PUT /mercantil-products-acme.${generation}`,
        `PUT /mercantil-purchases-acme.${generation}`,
      ]);
      expect(os.requests[1].querystring).toEqual({ ignore_unavailable: 'true' });
      const [products, purchases] = os.requests.slice(2).map((r) => r.body);
      expect(products.aliases).toEqual({ 'mercantil-products-acme.building': {} });
      expect(purchases.aliases).toEqual({ 'mercantil-purchases-acme.building': {} });
      expect(products.mappings.dynamic).toBe('strict');
      expect(Object.keys(purchases.mappings.properties)).toContain('orderId');
    });

    it('loads into the building generation only', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-reindexing.json'));
      os.route('POST', '/_bulk', 200, { took: 1, errors: false, items: [] });

      await index.load('acme', target, [upsert(product('ZAP-001', 4)), { kind: 'purchase', op: 'upsert', document: purchase('ord-1', 3) }]);

      expect(only('POST', '/_bulk').body).toEqual([
        { index: external(NEXT('products'), 'ZAP-001', 4) },
        product('ZAP-001', 4),
        { index: external(NEXT('purchases'), 'ord-1', 3) },
        purchase('ord-1', 3),
      ]);
    });

    it('swaps both aliases in one _aliases request after a refresh, then drops the old generation', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-reindexing.json'));
      os.route('POST', `/${NEXT('products')},${NEXT('purchases')}/_refresh`, 200, { _shards: { total: 4, successful: 2, failed: 0 } });
      os.route('POST', '/_aliases', 200, acknowledged);
      os.route('DELETE', '/mercantil-products-acme.0,mercantil-purchases-acme.0', 200, acknowledged);

      await index.activate('acme', target);

      expect(os.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${ALIASES}`,
        `POST /${NEXT('products')},${NEXT('purchases')}/_refresh`,
        'POST /_aliases',
        'DELETE /mercantil-products-acme.0,mercantil-purchases-acme.0',
      ]);
      expect(only('POST', '/_aliases').body).toEqual({
        actions: [
          { remove: { index: 'mercantil-products-acme.0', alias: 'mercantil-products-acme' } },
          { add: { index: NEXT('products'), alias: 'mercantil-products-acme' } },
          { remove: { index: NEXT('products'), alias: 'mercantil-products-acme.building' } },
          { remove: { index: 'mercantil-purchases-acme.0', alias: 'mercantil-purchases-acme' } },
          { add: { index: NEXT('purchases'), alias: 'mercantil-purchases-acme' } },
          { remove: { index: NEXT('purchases'), alias: 'mercantil-purchases-acme.building' } },
        ],
      });
    });

    it('abandons by deleting the building generation', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-reindexing.json'));
      os.route('DELETE', `/${NEXT('products')},${NEXT('purchases')}`, 200, acknowledged);

      await index.abandon('acme', target);

      expect(only('DELETE', `/${NEXT('products')},${NEXT('purchases')}`).querystring).toEqual({ ignore_unavailable: 'true' });
    });

    it('refuses to load, activate or abandon a generation that is not the one being built', async () => {
      os.route('GET', ALIASES, 200, fixture('aliases-reindexing.json'));
      const superseded = { generation: 'glw9x2k0zzzzzz' };

      await expect(index.load('acme', superseded, [upsert(product('ZAP-001', 1))])).rejects.toBeInstanceOf(ConflictError);
      await expect(index.activate('acme', superseded)).rejects.toBeInstanceOf(ConflictError);
      await expect(index.abandon('acme', { generation: '0' })).rejects.toThrow(/already live/);
      await expect(index.abandon('acme', { generation: '*' })).rejects.toBeInstanceOf(InvalidInputError);
      expect(os.requests.every((r) => r.method === 'GET')).toBe(true);
    });
  });

  it('sends every request of a tenant to that tenant’s aliases and indexes only', async () => {
    os.route('GET', /\/_alias$/, 200, {});
    os.route('PUT', /.*/, 200, fixture('create-index.json'));
    os.route('POST', '/_bulk', 200, { took: 1, errors: false, items: [] });
    os.route('POST', /\/_search$/, 404, fixture('error-index-not-found.json'));
    os.route('DELETE', /.*/, 200, { acknowledged: true });
    const tenant = 'Acme Corp';
    const doc = product('ZAP-001', 1, { tenantId: tenant });

    await index.apply(tenant, [upsert(doc), { kind: 'purchase', op: 'delete', tenantId: tenant, orderId: 'ord-1', version: 1 }]);
    await index.searchProducts(tenant, { q: 'x', sort: 'relevance', page: 1, pageSize: 5 });
    await index.autocomplete(tenant, 'x', 5);
    await index.searchPurchases(tenant, { q: 'x', page: 1, pageSize: 5 });
    await index.beginReindex(tenant);

    const segment = tenantSegment(tenant);
    expect(segment).toMatch(/^acme-corp_[0-9a-f]{12}$/);
    const named = os.requests.flatMap((r) => [
      ...(r.path.startsWith('/_') ? [] : r.path.slice(1).split('/')[0].split(',')),
      ...(r.path === '/_bulk' ? r.body.filter((line: any) => line.index || line.delete).map((line: any) => (line.index ?? line.delete)._index) : []),
      ...Object.keys(r.method === 'PUT' ? r.body.aliases : {}),
    ]);
    expect(named.length).toBeGreaterThan(10);
    const ownName = new RegExp(`^mercantil-(products|purchases)-${segment}(\\.(building|[a-z0-9]+|\\*))?$`);
    expect(named.filter((name) => !ownName.test(name))).toEqual([]);
  });
});
