import { plainTextLines } from '../adapters/plain-text.reader';
import { extractInvoice } from './extract-invoice';

const read = (text: string) => extractInvoice(plainTextLines(text));

describe('extractInvoice', () => {
  it('pairs labels with values beside them and under them, issuer not recipient', () => {
    const invoice = read(`
Ferretería Norte S.L.                      FACTURA
CIF: B87654321
Cliente: Bares Unidos S.A.
Nº Factura      Fecha          Vencimiento
A-17            05/02/2024     06/03/2024
Código    Descripción          Cantidad    Precio     Importe
TOR-8     Tornillo 8 mm        100         0,12       12,00
Base imponible:  12,00 €
IVA 21%:  2,52 €
Total:  14,52 €`);
    expect(invoice.supplierName?.value).toBe('Ferretería Norte S.L.');
    expect(invoice.supplierTaxId?.value).toBe('B87654321');
    expect(invoice.invoiceNumber?.value).toBe('A-17');
    expect(invoice.issueDate?.value).toBe('2024-02-05');
    expect(invoice.dueDate?.value).toBe('2024-03-06');
    expect([invoice.currency?.value, invoice.subtotal?.value, invoice.tax?.value, invoice.total?.value]).toEqual(['EUR', '12.00', '2.52', '14.52']);
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({ supplierCode: { value: 'TOR-8' }, quantity: { value: '100' }, unitPrice: { value: '0.12' }, lineTotal: { value: '12.00' } });
    expect(invoice.reviewReasons).toEqual([]);
  });

  it('reads an American document month first and flags totals that do not add up', () => {
    const invoice = read(`
Acme Tools Inc.
Invoice #: 5521        Invoice Date: 03/20/2023      Due Date: 04/04/2023
Subtotal: $100.00
Tax: $8.00
Total: $110.00`);
    expect(invoice.issueDate?.value).toBe('2023-03-20');
    expect(invoice.dueDate?.value).toBe('2023-04-04');
    expect(invoice.currency?.value).toBe('USD');
    expect(invoice.reviewReasons).toEqual(['missing-lines: no line items were recognised', expect.stringMatching(/^totals-mismatch: .*108\.00, not 110\.00/)]);
  });

  it('names what is missing', () => {
    expect(read('Just some text without any invoice data').reviewReasons).toEqual(
      expect.arrayContaining(['missing-field: invoiceNumber', 'missing-field: issueDate', 'missing-field: currency', 'missing-field: total']),
    );
  });
});
