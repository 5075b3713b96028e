import { NormalizedInvoice } from './normalized-invoice';
import { reviewReasons } from './normalize-totals';

const f = (value: string, confidence = 0.9) => ({ value, confidence });
const line = (total: string) => ({ description: f('x'), supplierCode: null, quantity: null, unit: null, unitPrice: null, lineTotal: f(total) });
const invoice = (overrides: Partial<NormalizedInvoice> = {}): Omit<NormalizedInvoice, 'reviewReasons'> => ({
  supplierName: f('Olivar S.L.'),
  supplierTaxId: null,
  invoiceNumber: f('F-1'),
  issueDate: f('2024-03-12'),
  dueDate: null,
  currency: f('EUR'),
  subtotal: f('0.30'),
  tax: f('0.06'),
  total: f('0.36'),
  lines: [line('0.10'), line('0.20')],
  ...overrides,
});

describe('reviewReasons', () => {
  it('accepts totals that add up exactly (0.1 + 0.2 is 0.30 here)', () => expect(reviewReasons(invoice())).toEqual([]));

  it('tolerates one minor unit of rounding and no more', () => {
    expect(reviewReasons(invoice({ total: f('0.37') }))).toEqual([]);
    expect(reviewReasons(invoice({ total: f('0.38') }))).toEqual([expect.stringMatching(/^totals-mismatch/)]);
    expect(reviewReasons(invoice({ currency: f('JPY'), subtotal: f('300'), tax: f('30'), total: f('331'), lines: [] }))).toEqual([
      'missing-lines: no line items were recognised',
    ]);
  });

  it('flags lines that do not add up to the subtotal, missing key fields and low confidence', () => {
    expect(reviewReasons(invoice({ lines: [line('0.10'), line('0.25')] }))).toEqual([expect.stringMatching(/^lines-mismatch: .*0\.35, not 0\.30/)]);
    expect(reviewReasons(invoice({ invoiceNumber: null, total: f('0.36', 0.4) }))).toEqual(['missing-field: invoiceNumber', 'low-confidence: total (0.4)']);
  });
});
