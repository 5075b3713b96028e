import type { InvoiceStatus } from '../domain/invoice-status';

/** What a pipeline command returns: small, so it fits a workflow state's output. */
export interface InvoiceStatusResult {
  invoiceId: string;
  status: InvoiceStatus;
}
