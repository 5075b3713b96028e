import { randomUUID } from 'node:crypto';
import type { SkuLookup } from '../../src/modules/matching/domain/sku-lookup.port';

export interface SkuLookupHarness {
  lookup: SkuLookup;
  close(): Promise<void>;
}

/** The behaviour every SkuLookup adapter must share. */
export function describeSkuLookupContract(name: string, open: () => Promise<SkuLookupHarness>): void {
  describe(`SkuLookup contract: ${name}`, () => {
    let harness: SkuLookupHarness;
    let lookup: SkuLookup;
    const tenant = () => `t-${randomUUID()}`;

    beforeAll(async () => {
      harness = await open();
      lookup = harness.lookup;
    });
    afterAll(() => harness?.close());

    it('finds supplier codes, GTINs and aliases it stored, and nothing else', async () => {
      const t = tenant();
      await lookup.putMany(t, [
        { key: { kind: 'supplier-code', supplierId: 'sup-1', code: 'AC-1' }, sku: 'SKU-1' },
        { key: { kind: 'gtin', gtin: '8410010012345' }, sku: 'SKU-2' },
        { key: { kind: 'alias', supplierId: 'sup-1', description: 'aceite oliva garrafa' }, sku: 'SKU-3' },
        { key: { kind: 'alias', supplierId: null, description: 'aceite oliva garrafa' }, sku: 'SKU-4' },
      ]);
      expect(await lookup.find(t, { kind: 'supplier-code', supplierId: 'sup-1', code: 'AC-1' })).toBe('SKU-1');
      expect(await lookup.find(t, { kind: 'gtin', gtin: '8410010012345' })).toBe('SKU-2');
      expect(await lookup.find(t, { kind: 'alias', supplierId: 'sup-1', description: 'aceite oliva garrafa' })).toBe('SKU-3');
      expect(await lookup.find(t, { kind: 'alias', supplierId: null, description: 'aceite oliva garrafa' })).toBe('SKU-4');
      expect(await lookup.find(t, { kind: 'supplier-code', supplierId: 'sup-2', code: 'AC-1' })).toBeNull();
      expect(await lookup.find(t, { kind: 'alias', supplierId: 'sup-2', description: 'aceite oliva garrafa' })).toBeNull();
      expect(await lookup.find(t, { kind: 'gtin', gtin: '0000000000000' })).toBeNull();
    });

    it('keeps tenants apart', async () => {
      const [a, b] = [tenant(), tenant()];
      await lookup.putMany(a, [{ key: { kind: 'gtin', gtin: '12345678' }, sku: 'A' }]);
      expect(await lookup.find(b, { kind: 'gtin', gtin: '12345678' })).toBeNull();
    });

    it('overwrites, lets the last of repeated keys win, and removes', async () => {
      const t = tenant();
      const key = { kind: 'supplier-code' as const, supplierId: 'sup', code: 'C' };
      await lookup.putMany(t, [{ key, sku: 'OLD' }]);
      await lookup.putMany(t, [{ key, sku: 'MID' }, { key, sku: 'NEW' }]);
      expect(await lookup.find(t, key)).toBe('NEW');
      await lookup.remove(t, key);
      expect(await lookup.find(t, key)).toBeNull();
      await lookup.remove(t, key);
      await lookup.putMany(t, []);
    });

    it('never confuses keys whose parts contain the separator', async () => {
      const t = tenant();
      await lookup.putMany(t, [
        { key: { kind: 'supplier-code', supplierId: 'a#b', code: 'c' }, sku: 'X' },
        { key: { kind: 'supplier-code', supplierId: 'a', code: 'b#c' }, sku: 'Y' },
      ]);
      expect(await lookup.find(t, { kind: 'supplier-code', supplierId: 'a#b', code: 'c' })).toBe('X');
      expect(await lookup.find(t, { kind: 'supplier-code', supplierId: 'a', code: 'b#c' })).toBe('Y');
    });

    it('stores long descriptions and many entries at once', async () => {
      const t = tenant();
      const long = 'palabra '.repeat(400).trim();
      const many = Array.from({ length: 60 }, (_, i) => ({ key: { kind: 'gtin' as const, gtin: String(10_000_000 + i) }, sku: `S${i}` }));
      await lookup.putMany(t, [{ key: { kind: 'alias', supplierId: 's', description: long }, sku: 'LONG' }, ...many]);
      expect(await lookup.find(t, { kind: 'alias', supplierId: 's', description: long })).toBe('LONG');
      expect(await lookup.find(t, { kind: 'alias', supplierId: 's', description: `${long} x` })).toBeNull();
      expect(await lookup.find(t, { kind: 'gtin', gtin: '10000059' })).toBe('S59');
    });
  });
}
