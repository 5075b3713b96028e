import { DocumentAnalyzer } from '../../src/modules/invoices/domain/document-analyzer.port';
import { NormalizedInvoice } from '../../src/modules/invoices/domain/normalized-invoice';
import { corruptPdf, ENGLISH_INVOICE, garbageImage, InvoiceFixture, invoicePdf, invoicePng, SPANISH_INVOICE } from '../support/invoice-fixtures';

export interface DocumentAnalyzerHarness {
  analyzer: DocumentAnalyzer;
  close(): Promise<void>;
}

const expectInvoice = (invoice: NormalizedInvoice, fixture: InvoiceFixture) => {
  const { expected } = fixture;
  expect({
    invoiceNumber: invoice.invoiceNumber?.value,
    issueDate: invoice.issueDate?.value,
    dueDate: invoice.dueDate?.value,
    currency: invoice.currency?.value,
    subtotal: invoice.subtotal?.value,
    tax: invoice.tax?.value,
    total: invoice.total?.value,
    supplierName: invoice.supplierName?.value,
  }).toEqual({
    invoiceNumber: expected.invoiceNumber,
    issueDate: expected.issueDate,
    dueDate: expected.dueDate,
    currency: expected.currency,
    subtotal: expected.subtotal,
    tax: expected.tax,
    total: expected.total,
    supplierName: expected.supplierName,
  });
  expect(
    invoice.lines.map((l) => ({
      supplierCode: l.supplierCode?.value,
      description: l.description.value,
      quantity: l.quantity?.value,
      unitPrice: l.unitPrice?.value,
      lineTotal: l.lineTotal?.value,
    })),
  ).toEqual(expected.lines);
  for (const field of [invoice.invoiceNumber, invoice.total, ...invoice.lines.map((l) => l.lineTotal)]) {
    expect(field!.confidence).toBeGreaterThan(0);
    expect(field!.confidence).toBeLessThanOrEqual(1);
  }
  expect(invoice.reviewReasons.filter((r) => !r.startsWith('low-confidence'))).toEqual([]);
};

/**
 * What every DocumentAnalyzer must do with the same generated invoices: a digital PDF
 * and a rendered PNG, in Spanish and in English, and two unreadable files.
 */
export function describeDocumentAnalyzerContract(name: string, open: () => Promise<DocumentAnalyzerHarness>): void {
  describe(`DocumentAnalyzer contract: ${name}`, () => {
    let harness: DocumentAnalyzerHarness;
    beforeAll(async () => (harness = await open()), 60_000);
    afterAll(() => harness?.close());

    describe.each([
      ['Spanish', SPANISH_INVOICE],
      ['English', ENGLISH_INVOICE],
    ])('%s invoice', (_, fixture) => {
      it('reads the digital PDF: number, dates, currency, totals and lines', async () => {
        const analysis = await harness.analyzer.analyze({ bytes: await invoicePdf(fixture), contentType: 'application/pdf' });
        expect(analysis.pages).toBe(1);
        expectInvoice(analysis.invoice, fixture);
      });

      it('reads the same invoice rendered as a PNG', async () => {
        const analysis = await harness.analyzer.analyze({ bytes: invoicePng(fixture), contentType: 'image/png' });
        expectInvoice(analysis.invoice, fixture);
      }, 60_000);
    });

    it('rejects a corrupt PDF as Document.Unreadable', async () => {
      await expect(harness.analyzer.analyze({ bytes: corruptPdf(), contentType: 'application/pdf' })).rejects.toMatchObject({
        name: 'Document.Unreadable',
        message: expect.stringMatching(/\w{3,}/),
      });
    });

    it('rejects an undecodable image as Document.Unreadable', async () => {
      await expect(harness.analyzer.analyze({ bytes: garbageImage(), contentType: 'image/png' })).rejects.toMatchObject({
        name: 'Document.Unreadable',
      });
    }, 30_000);
  });
}
