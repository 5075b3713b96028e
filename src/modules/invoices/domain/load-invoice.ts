import { NotFoundError } from '../../../common/errors/application-errors';
import type { Invoice } from './invoice';
import { InvoiceRepository, StaleInvoiceError } from './invoice-repository.port';
import type { InvoiceStatus } from './invoice-status';

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

const SAVE_ATTEMPTS = 5;

/**
 * Loads, applies `change`, and saves only when it changed something: re-running is a no-op.
 * Pipeline steps and review confirmations may change one invoice at the same time; a save
 * that lost the race reloads and applies its change again, which the idempotent changes allow.
 * `saved` hears of each change that was stored, with the status the invoice had before it.
 */
export async function changeInvoice(
  invoices: InvoiceRepository,
  tenantId: string,
  invoiceId: string,
  change: (invoice: Invoice) => boolean,
  saved?: (invoice: Invoice, previous: InvoiceStatus) => void,
): Promise<Invoice> {
  for (let attempt = 1; ; attempt++) {
    const invoice = await loadInvoice(invoices, tenantId, invoiceId);
    const previous = invoice.props.status;
    if (!change(invoice)) return invoice;
    try {
      await invoices.save(invoice);
      saved?.(invoice, previous);
      return invoice;
    } catch (error) {
      if (!(error instanceof StaleInvoiceError) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
}
