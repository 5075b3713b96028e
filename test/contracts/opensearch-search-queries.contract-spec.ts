import { OpenSearchSearchIndex } from '../../src/infrastructure/aws/opensearch-search-index.adapter';
import { fakeOpenSearch, openSearchFixture as fixture } from '../support/fake-opensearch';

/**
 * The adapter's searches through the real client against a fake node answering with
 * recorded OpenSearch response shapes (test/fixtures/opensearch): the exact query DSL
 * sent, and how the replies parse into the port's results.
 */
describe('OpenSearchSearchIndex searches (recorded DSL and responses)', () => {
  const os = fakeOpenSearch();
  const index = new OpenSearchSearchIndex(os.transport, 'mercantil');
  const { only } = os;

  beforeEach(() => os.reset());

  describe('searchProducts', () => {
    const PATH = '/mercantil-products-acme/_search';

    it('sends a typo-tolerant bool query with price range, post_filter facets, highlight, sort and paging', async () => {
      os.route('POST', PATH, 200, fixture('search-products.json'));

      await index.searchProducts('acme', {
        q: ' zapatilas  runing ',
        category: 'Calzado',
        brand: 'Montaña',
        minPrice: '10.50',
        maxPrice: '100',
        sort: 'price_asc',
        page: 3,
        pageSize: 10,
      });

      const fields = ['name^3', 'name.es^3', 'name.en^3', 'brand.text^2', 'category.text^2', 'description', 'description.es', 'description.en'];
      const fuzzy = (query: string) => ({
        multi_match: { query, type: 'best_fields', fields, fuzziness: 'AUTO', prefix_length: 1, tie_breaker: 0.3, zero_terms_query: 'all' },
      });
      const whole = { number_of_fragments: 0 };
      const fragments = { fragment_size: 150, number_of_fragments: 3 };
      const facet = (field: string) => ({ terms: { field, size: 50, order: [{ _count: 'desc' }, { _key: 'asc' }] } });
      expect(only('POST', PATH).body).toEqual({
        from: 20,
        size: 10,
        track_total_hits: true,
        track_scores: true,
        query: {
          bool: {
            must: [
              {
                bool: {
                  should: [
                    fuzzy('zapatilas'),
                    {
                      bool: {
                        should: [
                          fuzzy('runing'),
                          { multi_match: { query: 'runing', type: 'phrase_prefix', fields: ['name^3', 'brand.text^2', 'category.text^2', 'description'] } },
                        ],
                      },
                    },
                  ],
                  minimum_should_match: '3<75%',
                },
              },
            ],
            filter: [{ range: { 'price.scaled': { gte: '10.50', lte: '100' } } }],
          },
        },
        post_filter: { bool: { filter: [{ term: { category: 'Calzado' } }, { term: { brand: 'Montaña' } }] } },
        aggs: { category: facet('category'), brand: facet('brand') },
        highlight: {
          pre_tags: ['<em>'],
          post_tags: ['</em>'],
          fields: {
            name: whole,
            'name.es': whole,
            'name.en': whole,
            description: fragments,
            'description.es': fragments,
            'description.en': fragments,
            'brand.text': whole,
            'category.text': whole,
          },
        },
        sort: [{ 'price.scaled': { order: 'asc', missing: '_last' } }, { sku: 'asc' }],
      });
    });

    it.each([
      ['relevance', [{ _score: 'desc' }, { sku: 'asc' }]],
      ['price_desc', [{ 'price.scaled': { order: 'desc', missing: '_last' } }, { sku: 'asc' }]],
      ['name', [{ 'name.sort': 'asc' }, { sku: 'asc' }]],
      ['newest', [{ updatedAt: 'desc' }, { sku: 'asc' }]],
    ] as const)('sorts %s as %j', async (sort, expected) => {
      os.route('POST', PATH, 200, fixture('search-products.json'));
      await index.searchProducts('acme', { sort, page: 1, pageSize: 20 });
      expect(only('POST', PATH).body.sort).toEqual(expected);
    });

    it('matches everything without text or filters, and keeps the facets', async () => {
      os.route('POST', PATH, 200, fixture('search-products.json'));

      await index.searchProducts('acme', { q: '   ', sort: 'relevance', page: 1, pageSize: 20 });

      const { body } = only('POST', PATH);
      expect(body.query).toEqual({ bool: { must: [{ match_all: {} }], filter: [] } });
      expect(body).not.toHaveProperty('post_filter');
      expect(body).toMatchObject({ from: 0, size: 20 });
      expect(Object.keys(body.aggs)).toEqual(['category', 'brand']);
    });

    it('parses hits, scores, highlights per field and facet counts', async () => {
      os.route('POST', PATH, 200, fixture('search-products.json'));

      const result = await index.searchProducts('acme', { q: 'zapatilas', sort: 'relevance', page: 1, pageSize: 20 });

      const recorded = fixture('search-products.json').hits.hits;
      expect(result.total).toBe(2);
      expect(result.hits.map((hit) => [hit.product, hit.score])).toEqual([
        [recorded[0]._source, 8.317766],
        [recorded[1]._source, 5.126903],
      ]);
      expect(result.hits[0].product.price).toBe('59.90');
      expect(result.hits[1].product.price).toBe('74.5000');
      // The plain field's fragment wins over its stemmed views; a view stands in when alone.
      expect(result.hits[0].highlights).toEqual({
        name: ['<em>Zapatillas</em> de running Trail'],
        description: ['<em>Zapatillas</em> ligeras para correr por montaña, suela de goma.'],
      });
      expect(result.hits[1].highlights).toEqual({ name: ['<em>Zapatilla</em> urbana'], brand: ['<em>Acme</em>'] });
      expect(result.facets).toEqual({
        category: [
          { value: 'Calzado', count: 3 },
          { value: 'Deporte', count: 1 },
        ],
        brand: [
          { value: 'Acme', count: 3 },
          { value: 'Montaña', count: 1 },
        ],
      });
    });

    it('finds nothing for a tenant whose index does not exist yet', async () => {
      os.route('POST', PATH, 404, fixture('error-index-not-found.json'));

      await expect(index.searchProducts('acme', { q: 'x', sort: 'relevance', page: 1, pageSize: 20 })).resolves.toEqual({
        total: 0,
        hits: [],
        facets: { category: [], brand: [] },
      });
    });

    it('lets a server error through', async () => {
      os.route('POST', PATH, 503, fixture('error-all-shards-failed.json'));

      await expect(index.searchProducts('acme', { q: 'x', sort: 'relevance', page: 1, pageSize: 20 })).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 503,
      });
    });
  });

  describe('autocomplete', () => {
    const PATH = '/mercantil-products-acme/_search';

    it('matches the edge n-gram field with every word, collapses equal names and returns name and sku', async () => {
      os.route('POST', PATH, 200, fixture('autocomplete.json'));

      const suggestions = await index.autocomplete('acme', ' zapa ', 8);

      expect(only('POST', PATH).body).toEqual({
        size: 8,
        _source: ['sku', 'name'],
        query: { match: { 'name.autocomplete': { query: 'zapa', operator: 'and' } } },
        collapse: { field: 'name.sort' },
        sort: [{ _score: 'desc' }, { 'name.sort': 'asc' }],
      });
      expect(suggestions).toEqual([
        { text: 'Zapatillas de running Trail', sku: 'ZAP-001' },
        { text: 'Zapatilla urbana', sku: 'ZAP-014' },
      ]);
    });

    it('asks nothing for a blank prefix, and finds nothing without an index', async () => {
      await expect(index.autocomplete('acme', '  ', 8)).resolves.toEqual([]);
      expect(os.requests).toHaveLength(0);
      os.route('POST', PATH, 404, fixture('error-index-not-found.json'));
      await expect(index.autocomplete('acme', 'za', 8)).resolves.toEqual([]);
    });
  });

  describe('searchPurchases', () => {
    const PATH = '/mercantil-purchases-acme/_search';

    it('sends a fuzzy multi_match with customer and date filters, and parses the purchases', async () => {
      os.route('POST', PATH, 200, fixture('search-purchases.json'));

      const result = await index.searchPurchases('acme', {
        q: 'lucia fernandes',
        customerId: 'cus-42',
        from: '2024-05-01',
        to: '2024-06-01',
        page: 2,
        pageSize: 25,
      });

      expect(only('POST', PATH).body).toEqual({
        from: 25,
        size: 25,
        track_total_hits: true,
        query: {
          bool: {
            must: [
              {
                multi_match: {
                  query: 'lucia fernandes',
                  fields: ['customerName^2', 'customerEmail^2', 'orderId^2', 'items.name', 'items.sku'],
                  fuzziness: 'AUTO',
                  prefix_length: 1,
                },
              },
            ],
            filter: [{ term: { customerId: 'cus-42' } }, { range: { createdAt: { gte: '2024-05-01', lt: '2024-06-01' } } }],
          },
        },
        sort: [{ _score: 'desc' }, { createdAt: 'desc' }, { orderId: 'asc' }],
      });
      expect(result).toEqual({ total: 1, hits: [{ purchase: fixture('search-purchases.json').hits.hits[0]._source, score: 3.9120235 }] });
    });

    it('lists every purchase newest first without text or filters', async () => {
      os.route('POST', PATH, 200, fixture('search-purchases.json'));
      await index.searchPurchases('acme', { page: 1, pageSize: 10 });
      expect(only('POST', PATH).body.query).toEqual({ bool: { must: [{ match_all: {} }], filter: [] } });
    });
  });
});
