import { statementCsv } from '../queries/get-statement/statement.csv';
import { Agreement } from './agreement';
import type { LedgerLine } from './commission-ledger.port';
import { buildStatement, MixedCurrencyStatementError } from './commission-statement';

const agreement = Agreement.create(
  {
    agreementId: 'ag-1', tenantId: 't1', supplierId: 's1', currency: 'EUR', validFrom: '2025-01-01', validTo: null,
    rules: [
      { ruleId: 'tiers', kind: 'tiered-percentage', sku: null, category: null, tiers: [{ from: '0.00', to: '1000.00', rate: '1' }, { from: '1000.00', to: null, rate: '2' }] },
      { ruleId: 'unused', kind: 'tiered-percentage', sku: 'Z', category: null, tiers: [{ from: '0.00', to: null, rate: '9' }] },
    ],
  },
  new Date(),
);
const line = (over: Partial<LedgerLine>): LedgerLine => ({
  invoiceId: 'i1', invoiceDate: '2025-03-01', lineId: 'l1', sku: null, category: null, quantity: '1', lineTotal: '600.00',
  currency: 'EUR', amount: '12.00', ruleKind: 'tiered-percentage', ruleId: 'tiers', rate: '2', agreementId: 'ag-1', ...over,
});
const args = { supplierId: 's1', period: '2025-03' };

describe('buildStatement', () => {
  it('totals by rule kind, sums the volume and reports the tier reached by the tiered rules used', () => {
    const s = buildStatement(args, [line({}), line({ lineId: 'l2', ruleKind: 'none', ruleId: null, rate: undefined, amount: '0.00', lineTotal: '500.00' })], [agreement]);
    expect(s).toMatchObject({
      currency: 'EUR', total: '12.00', volume: '1100.00',
      totalsByRuleKind: { 'tiered-percentage': '12.00', percentage: '0.00', 'fixed-per-unit': '0.00', none: '0.00' },
      tiersReached: [{ agreementId: 'ag-1', ruleId: 'tiers', from: '1000.00', to: null, rate: '2' }],
    });
  });

  it('asks for a currency when the month mixes them, and then keeps only that one', () => {
    const lines = [line({}), line({ lineId: 'l2', currency: 'USD', amount: '0.00', ruleKind: 'none' })];
    expect(() => buildStatement(args, lines, [agreement])).toThrow(MixedCurrencyStatementError);
    expect(buildStatement({ ...args, currency: 'USD' }, lines, [agreement])).toMatchObject({ currency: 'USD', volume: '600.00', tiersReached: [] });
  });

  it('is empty, not an error, for a month without invoices', () => {
    expect(buildStatement(args, [], [agreement])).toMatchObject({ currency: null, lines: [], total: '0.00', volume: '0.00' });
  });
});

describe('statementCsv', () => {
  it('quotes separators and defuses spreadsheet formulas in text, not in negative amounts', () => {
    const csv = statementCsv(buildStatement(args, [line({ sku: '=HYPERLINK("x")', category: 'a,b', lineTotal: '-5.00', amount: '-0.10' })], [agreement]));
    const row = csv.split('\r\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""x"")","a,b",1,-5.00,EUR,-0.10`);
  });
});
