import type { InvoiceProps } from './invoice';
import type { InvoiceLine } from './invoice-line';
import { invoiceSales } from './invoice-sales';

const field = <T>(value: T) => ({ value, confidence: 0.9 });
const line = (position: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine => ({
  lineId: `l${position}`,
  position,
  description: field(`line ${position}`),
  supplierCode: null,
  quantity: field('3'),
  unit: null,
  unitPrice: null,
  lineTotal: field('10.00'),
  match: { sku: 'ACEITE-500', confidence: 0.95, status: 'matched' },
  commission: { amount: '0.25', currency: 'EUR', ruleId: 'r1' },
  ...overrides,
});
const invoice = (overrides: Partial<InvoiceProps> = {}): InvoiceProps =>
  ({
    invoiceId: 'inv-1',
    tenantId: 't1',
    supplierId: 'sup-1',
    header: { currency: field('EUR') },
    lines: [line(0), line(1, { match: { sku: 'X', confidence: 0.5, status: 'review' }, commission: null, unitPrice: field('2.5'), quantity: null }), line(2, { lineTotal: null })],
    ...overrides,
  }) as InvoiceProps;

describe('invoiceSales', () => {
  it('makes a sale per line with an amount: matched sku, commission, and a unit price when the line has none', () => {
    const sales = invoiceSales(invoice(), new Map([['ACEITE-500', 'oils']]), '2026-03-01T10:00:00.000Z');
    expect(sales).toEqual([
      expect.objectContaining({ source: 'invoice', sourceId: 'inv-1', lineNumber: 1, supplierId: 'sup-1', sku: 'ACEITE-500', category: 'oils', quantity: '3', unitPrice: '3.3333', amount: '10.00', commission: '0.25', currency: 'EUR' }),
      expect.objectContaining({ lineNumber: 2, sku: null, category: null, quantity: '1', unitPrice: '2.5', commission: '0.00' }),
    ]);
  });

  it('records nothing without a currency, and files a supplierless invoice under unassigned', () => {
    expect(invoiceSales(invoice({ header: null }), new Map(), '2026-03-01T10:00:00.000Z')).toEqual([]);
    expect(invoiceSales(invoice({ supplierId: null }), new Map(), '2026-03-01T10:00:00.000Z')[0].supplierId).toBe('unassigned');
  });
});
