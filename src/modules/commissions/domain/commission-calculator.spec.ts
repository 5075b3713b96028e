import type { AgreementTerms } from './agreement';
import { calculateCommissions, InvoiceLine } from './commission-calculator';
import { CommissionRule } from './commission-rule';
import { CommissionCurrencyMismatchError } from './commission-errors';

const agreement = (rules: CommissionRule[], currency = 'EUR'): AgreementTerms & { agreementId: string } => ({
  agreementId: 'ag-1', currency, validFrom: '2025-01-01', validTo: null, rules,
});
const line = (lineId: string, lineTotal: string, more: Partial<InvoiceLine> = {}): InvoiceLine => ({
  lineId, sku: null, category: null, quantity: '1', lineTotal, ...more,
});
const scope = { sku: null, category: null };
const TIERED: CommissionRule = {
  ruleId: 'tiered', kind: 'tiered-percentage', ...scope,
  tiers: [{ from: '0', to: '10000', rate: '3' }, { from: '10000', to: '50000', rate: '4' }, { from: '50000', to: null, rate: '5' }],
};
const calc = (rules: CommissionRule[], lines: InvoiceLine[], otherInvoicesVolume = '0') =>
  calculateCommissions({ agreement: agreement(rules), currency: 'EUR', lines, otherInvoicesVolume });

describe('calculateCommissions', () => {
  it('applies a percentage to the line total and sums the lines exactly', () => {
    const result = calc([{ ruleId: 'p', kind: 'percentage', rate: '3.5', ...scope }], [line('1', '100'), line('2', '0.1'), line('3', '0.2')]);
    expect(result.lines.map((l) => l.amount)).toEqual(['3.50', '0.00', '0.01']);
    expect(result.lines[0]).toEqual({ lineId: '1', amount: '3.50', currency: 'EUR', ruleId: 'p', ruleKind: 'percentage', rate: '3.5', agreementId: 'ag-1' });
    expect(result.total).toBe('3.51');
  });

  it.each([
    ['0.125 → 0.12 (half to even, down)', '12.5', '0.12'],
    ['0.135 → 0.14 (half to even, up)', '13.5', '0.14'],
    ['0.145 → 0.14', '14.5', '0.14'],
    ['0.1251 → 0.13 (above half)', '12.51', '0.13'],
    ['-0.125 → -0.12 (credit line)', '-12.5', '-0.12'],
  ])('rounds each line half-even to cents: %s', (_name, lineTotal, amount) => {
    expect(calc([{ ruleId: 'p', kind: 'percentage', rate: '1', ...scope }], [line('1', lineTotal)]).lines[0].amount).toBe(amount);
  });

  it('rounds per line, not on the total: three lines of 0.005 give 0.00 each', () => {
    const result = calc([{ ruleId: 'p', kind: 'percentage', rate: '1', ...scope }], [line('1', '0.5'), line('2', '0.5'), line('3', '0.5')]);
    expect(result.total).toBe('0.00');
  });

  it('keeps exactness where floats would not: 0.1 + 0.2 lines at 100%', () => {
    expect(calc([{ ruleId: 'p', kind: 'percentage', rate: '100', ...scope }], [line('1', '0.1'), line('2', '0.2')]).total).toBe('0.30');
  });

  it('multiplies a fixed amount per unit by the (fractional) quantity', () => {
    const result = calc([{ ruleId: 'u', kind: 'fixed-per-unit', amountPerUnit: '0.0125', ...scope }], [line('1', '999', { quantity: '2.5' }), line('2', '10', { quantity: '3' })]);
    expect(result.lines.map((l) => [l.amount, l.amountPerUnit, l.rate])).toEqual([['0.03', '0.0125', undefined], ['0.04', '0.0125', undefined]]);
  });

  describe('tiers (the rate of the tier the month reaches applies to the whole line)', () => {
    it('uses the tier reached by the month including this invoice', () => {
      const result = calc([TIERED], [line('1', '5000')], '6000');
      expect(result.monthVolume).toBe('11000.00');
      expect(result.lines[0]).toMatchObject({ rate: '4', amount: '200.00', ruleKind: 'tiered-percentage' });
    });

    it('is not marginal: a line crossing a threshold is not split between tiers', () => {
      // Marginal would be 4000 × 3% + 1000 × 4% = 160.00.
      expect(calc([TIERED], [line('1', '5000')], '6000').lines[0].amount).not.toBe('160.00');
    });

    it('counts every line of the invoice in the volume, also lines another rule decides', () => {
      const rules: CommissionRule[] = [TIERED, { ruleId: 'p', kind: 'percentage', rate: '1', sku: 'BIG', category: null }];
      const result = calc(rules, [line('1', '1000'), line('2', '49000', { sku: 'BIG' })], '0');
      expect(result.lines[0]).toMatchObject({ ruleId: 'tiered', rate: '5', amount: '50.00' });
      expect(result.lines[1]).toMatchObject({ ruleId: 'p', amount: '490.00' });
    });

    it('gives the same result however often it is recomputed from the other invoices volume', () => {
      const first = calc([TIERED], [line('1', '8000')], '5000');
      const again = calc([TIERED], [line('1', '8000')], '5000');
      expect(again).toEqual(first);
      expect(first.lines[0]).toMatchObject({ rate: '4', amount: '320.00' });
    });
  });

  it('gives amount 0 and ruleKind none to lines no rule covers, keeping the agreement', () => {
    const result = calc([{ ruleId: 'p', kind: 'percentage', rate: '5', sku: null, category: 'oils' }], [line('1', '100', { category: 'wine' })]);
    expect(result.lines[0]).toEqual({ lineId: '1', amount: '0.00', currency: 'EUR', ruleId: null, ruleKind: 'none', agreementId: 'ag-1' });
    expect(result.total).toBe('0.00');
  });

  it('gives none to every line when no agreement applies', () => {
    const result = calculateCommissions({ agreement: null, currency: 'USD', lines: [line('1', '100')], otherInvoicesVolume: '0' });
    expect(result.lines[0]).toMatchObject({ ruleKind: 'none', amount: '0.00', agreementId: null, currency: 'USD' });
  });

  it('refuses an invoice in another currency than the agreement', () => {
    const run = () => calculateCommissions({ agreement: agreement([], 'EUR'), currency: 'USD', lines: [line('1', '1')], otherInvoicesVolume: '0' });
    expect(run).toThrow(CommissionCurrencyMismatchError);
    expect(run).toThrow(/USD differs from EUR/);
  });
});
