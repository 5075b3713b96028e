import { ConflictError } from '../../../common/errors/application-errors';
import type { Invoice, InvoiceProps } from './invoice';
import type { InvoiceStatus } from './invoice-status';

export const INVOICE_REPOSITORY = Symbol('INVOICE_REPOSITORY');

export interface InvoiceListQuery {
  status?: InvoiceStatus;
  supplierId?: string;
  limit: number;
  cursor?: string;
}

/** An invoice in a listing: everything but its lines. */
export type InvoiceSummary = Omit<InvoiceProps, 'lines'> & { lineCount: number };

export interface InvoicePage {
  items: InvoiceSummary[];
  nextCursor: string | null;
}

/**
 * Invoice persistence, tenant-scoped (another tenant's invoice is simply not found).
 * One invoice per tenant and document hash: `create` returns the existing invoice when
 * the same bytes were already received, also when the two requests race.
 */
export interface InvoiceRepository {
  create(invoice: Invoice): Promise<{ invoice: Invoice; created: boolean }>;
  findById(tenantId: string, invoiceId: string): Promise<Invoice | null>;
  findBySha256(tenantId: string, sha256: string): Promise<Invoice | null>;
  /** Newest first. */
  list(tenantId: string, query: InvoiceListQuery): Promise<InvoicePage>;
  /** Writes the invoice and its lines over the previous version, which must still be the stored one. */
  save(invoice: Invoice): Promise<void>;
}

export class StaleInvoiceError extends ConflictError {
  constructor(invoiceId: string) {
    super(`Invoice ${invoiceId} was changed concurrently; retry`);
  }
}
