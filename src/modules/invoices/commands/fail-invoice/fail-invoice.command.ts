import { Command } from '@nestjs/cqrs';
import type { InvoiceStatusResult } from '../invoice-status.result';

/** Marks the invoice FAILED with a reason a person can act on (e.g. "the PDF is corrupt"). */
export class FailInvoiceCommand extends Command<InvoiceStatusResult> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly reason: string,
  ) {
    super();
  }
}
