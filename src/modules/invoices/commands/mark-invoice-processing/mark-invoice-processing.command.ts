import { Command } from '@nestjs/cqrs';
import type { InvoiceStatusResult } from '../invoice-status.result';

/** The workflow execution `executionId` takes the invoice (RECEIVED or FAILED → PROCESSING). */
export class MarkInvoiceProcessingCommand extends Command<InvoiceStatusResult> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly executionId: string,
  ) {
    super();
  }
}
