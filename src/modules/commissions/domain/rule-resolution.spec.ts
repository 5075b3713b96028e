import { CommissionRule } from './commission-rule';
import { resolveRule } from './rule-resolution';

const pct = (ruleId: string, rate: string, scope: { sku?: string; category?: string } = {}): CommissionRule => ({
  ruleId, kind: 'percentage', rate, sku: scope.sku ?? null, category: scope.category ?? null,
});
const perUnit = (ruleId: string, amountPerUnit: string, scope: { sku?: string; category?: string } = {}): CommissionRule => ({
  ruleId, kind: 'fixed-per-unit', amountPerUnit, sku: scope.sku ?? null, category: scope.category ?? null,
});
const tiered = (ruleId: string, scope: { sku?: string; category?: string } = {}): CommissionRule => ({
  ruleId, kind: 'tiered-percentage', tiers: [{ from: '0', to: null, rate: '1' }], sku: scope.sku ?? null, category: scope.category ?? null,
});

const line = (sku: string | null, category: string | null) => ({ sku, category });
const idOf = (rule: CommissionRule | null) => rule?.ruleId ?? null;

describe('resolveRule', () => {
  const rules = [pct('default', '1'), pct('oils', '2', { category: 'oils' }), pct('aceite', '3', { sku: 'ACEITE-500' })];

  it('prefers a SKU rule over a category rule over the default, whatever their order', () => {
    for (const ordering of [rules, [...rules].reverse()]) {
      expect(idOf(resolveRule(ordering, line('ACEITE-500', 'oils')))).toBe('aceite');
      expect(idOf(resolveRule(ordering, line('OTHER', 'oils')))).toBe('oils');
      expect(idOf(resolveRule(ordering, line('OTHER', 'wine')))).toBe('default');
    }
  });

  it('matches SKU and category exactly and never on a null', () => {
    expect(idOf(resolveRule(rules, line('aceite-500', 'Oils')))).toBe('default');
    expect(idOf(resolveRule(rules, line(null, null)))).toBe('default');
  });

  it('applies nothing when no rule covers the line (no default)', () => {
    const scoped = [pct('oils', '2', { category: 'oils' }), perUnit('sku', '1', { sku: 'A' })];
    expect(resolveRule(scoped, line('B', 'wine'))).toBeNull();
    expect(resolveRule([], line('A', 'oils'))).toBeNull();
  });

  it('breaks a tie of specificity by kind: fixed-per-unit over percentage over tiered', () => {
    const sameScope = [perUnit('unit', '0.5', { category: 'oils' }), pct('pct', '2', { category: 'oils' }), tiered('tier', { category: 'oils' })];
    for (const ordering of [sameScope, [...sameScope].reverse()]) {
      expect(idOf(resolveRule(ordering, line('X', 'oils')))).toBe('unit');
      expect(idOf(resolveRule(ordering.filter((r) => r.ruleId !== 'unit'), line('X', 'oils')))).toBe('pct');
    }
  });

  it('breaks a tie of specificity and kind by the rule added later', () => {
    expect(idOf(resolveRule([pct('first', '1'), pct('second', '2')], line('A', null)))).toBe('second');
    expect(idOf(resolveRule([pct('second', '2'), pct('first', '1')], line('A', null)))).toBe('first');
  });

  it('lets specificity beat kind: a category percentage wins over a default fixed-per-unit', () => {
    expect(idOf(resolveRule([pct('oils', '2', { category: 'oils' }), perUnit('unit', '9')], line('A', 'oils')))).toBe('oils');
  });
});
