import { Command } from '@nestjs/cqrs';
import type { InvoiceStatus } from '../../domain/invoice-status';
import type { InvoiceStatusResult } from '../invoice-status.result';

/** The pipeline's last step: COMPLETED, or NEEDS_REVIEW while lines or totals wait for a person. */
export class CompleteInvoiceCommand extends Command<InvoiceStatusResult> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly status: InvoiceStatus.COMPLETED | InvoiceStatus.NEEDS_REVIEW | 'COMPLETED' | 'NEEDS_REVIEW',
  ) {
    super();
  }
}
