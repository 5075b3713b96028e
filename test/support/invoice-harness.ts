import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresInvoiceRepository } from '../../src/modules/invoices/adapters/postgres-invoice.repository';
import { Invoice } from '../../src/modules/invoices/domain/invoice';
import type { NormalizedInvoice } from '../../src/modules/invoices/domain/normalized-invoice';
import { createTestDatabase } from './test-database';

export interface InvoiceHarness {
  invoices: PostgresInvoiceRepository;
  /** A stored RECEIVED invoice, or PROCESSING with `normalized` recorded when given. */
  receive(options?: { processing?: string; normalized?: NormalizedInvoice }): Promise<Invoice>;
  reload(invoice: Invoice): Promise<Invoice>;
  close(): Promise<void>;
}

export const normalizedInvoice = (overrides: Partial<NormalizedInvoice> = {}): NormalizedInvoice => ({
  supplierName: { value: 'Aceites del Sur S.L.', confidence: 0.98 },
  supplierTaxId: { value: 'B12345678', confidence: 0.9 },
  invoiceNumber: { value: 'F-2024-0042', confidence: 0.99 },
  issueDate: { value: '2024-05-03', confidence: 0.95 },
  dueDate: null,
  currency: { value: 'EUR', confidence: 0.9 },
  subtotal: { value: '1234567.8', confidence: 0.9 },
  tax: { value: '259259.24', confidence: 0.9 },
  total: { value: '1493827.04', confidence: 0.9 },
  lines: [
    {
      description: { value: 'Aceite de oliva 500 ml', confidence: 0.97 },
      supplierCode: { value: 'AO-500', confidence: 0.9 },
      quantity: { value: '3.000', confidence: 0.9 },
      unit: { value: 'ud', confidence: 0.8 },
      unitPrice: { value: '4.35', confidence: 0.9 },
      lineTotal: { value: '13.05', confidence: 0.9 },
    },
    {
      description: { value: 'Vinagre 1 L', confidence: 0.9 },
      supplierCode: null,
      quantity: { value: '2.5', confidence: 0.7 },
      unit: null,
      unitPrice: { value: '0.0125', confidence: 0.6 },
      lineTotal: { value: '1234554.75', confidence: 0.9 },
    },
  ],
  reviewReasons: [],
  ...overrides,
});

/** The invoice repository on a throwaway database (PGlite, or TEST_DATABASE_URL's server). */
export async function openInvoiceHarness(): Promise<InvoiceHarness> {
  const database = await createTestDatabase();
  const opened = await openDataSource(loadConfig(database.env));
  const invoices = new PostgresInvoiceRepository(opened.dataSource);
  return {
    invoices,
    receive: async (options = {}) => {
      const sha256 = randomUUID().replace(/-/g, '').padEnd(64, '0');
      const invoice = Invoice.receive({
        invoiceId: randomUUID(),
        tenantId: 't1',
        supplierId: 'sup-1',
        document: { bucket: 'raw', key: `tenant=t1/2024/05/${sha256}.pdf`, contentType: 'application/pdf', size: 10, sha256, originalFilename: 'f.pdf' },
      });
      await invoices.create(invoice);
      if (options.processing) {
        invoice.markProcessing(options.processing);
        await invoices.save(invoice);
        if (options.normalized && invoice.recordExtraction(options.normalized)) await invoices.save(invoice);
      }
      return invoice;
    },
    reload: async (invoice) => (await invoices.findById(invoice.props.tenantId, invoice.id))!,
    close: async () => {
      await opened.close();
      await database.drop();
    },
  };
}
