import { InvalidInputError } from '../../common/errors/application-errors';
import { newGeneration, TenantIndexNames, tenantSegment } from './opensearch-index-names';

describe('OpenSearch index names', () => {
  it('keeps ids that are already valid index names as they are', () => {
    expect(tenantSegment('acme')).toBe('acme');
    expect(tenantSegment('tenant-42')).toBe('tenant-42');
  });

  it('folds other ids to lowercase ASCII with a hash of the original, so they never collide', () => {
    expect(tenantSegment('Café Ñandú/01')).toMatch(/^cafe-nandu-01_[0-9a-f]{12}$/);
    const ids = ['Acme', 'acme', 'ACME', 'a b', 'a-b', 'a_b', 'a.b', '-a', 'x'.repeat(300), `${'x'.repeat(300)}y`];
    const segments = ids.map(tenantSegment);
    expect(new Set(segments).size).toBe(ids.length);
    for (const segment of segments) expect(segment).toMatch(/^[a-z0-9_-]{1,80}$/);
  });

  it('names aliases, generations and the building marker so that no tenant reaches into another', () => {
    const acme = new TenantIndexNames('mercantil', 'acme');
    expect(acme.alias('products')).toBe('mercantil-products-acme');
    expect(acme.index('purchases', '0')).toBe('mercantil-purchases-acme.0');
    expect(acme.buildingAlias('products')).toBe('mercantil-products-acme.building');
    expect(acme.allGenerations()).toBe('mercantil-products-acme.*,mercantil-purchases-acme.*');
    const lookalike = new TenantIndexNames('mercantil', 'acme-building');
    expect(lookalike.alias('products')).not.toBe(acme.buildingAlias('products'));
    expect(new TenantIndexNames('mercantil', 'acme-0').alias('products')).not.toBe(acme.index('products', '0'));
  });

  it('accepts only generation names it could have made', () => {
    const acme = new TenantIndexNames('mercantil', 'acme');
    const generation = newGeneration();
    expect(acme.index('products', generation)).toBe(`mercantil-products-acme.${generation}`);
    expect(newGeneration()).not.toBe(generation);
    for (const bad of ['*', '', 'a,b', '../x', 'G1']) expect(() => acme.index('products', bad)).toThrow(InvalidInputError);
  });
});
