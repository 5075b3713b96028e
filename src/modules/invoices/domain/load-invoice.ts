import { NotFoundError } from '../../../common/errors/application-errors';
import type { Invoice } from './invoice';
import type { InvoiceRepository } from './invoice-repository.port';

export class InvoiceNotFoundError extends NotFoundError {
  constructor(invoiceId: string) {
    super(`Invoice ${invoiceId} not found`);
  }
}

export async function loadInvoice(invoices: InvoiceRepository, tenantId: string, invoiceId: string): Promise<Invoice> {
  const invoice = await invoices.findById(tenantId, invoiceId);
  if (!invoice) throw new InvoiceNotFoundError(invoiceId);
  return invoice;
}

/** Loads, applies `change`, and saves only when it changed something: re-running is a no-op. */
export async function changeInvoice(
  invoices: InvoiceRepository,
  tenantId: string,
  invoiceId: string,
  change: (invoice: Invoice) => boolean,
): Promise<Invoice> {
  const invoice = await loadInvoice(invoices, tenantId, invoiceId);
  if (change(invoice)) await invoices.save(invoice);
  return invoice;
}
