import { Command } from '@nestjs/cqrs';
import type { InvoiceLine } from '../../domain/invoice-line';
import type { NormalizedInvoice } from '../../domain/normalized-invoice';

export interface RecordInvoiceExtractionResult {
  invoiceId: string;
  /** The stored lines with their ids, which matches and commissions refer to. */
  lines: InvoiceLine[];
}

/** Stores the normalized header and lines on a PROCESSING invoice; its status does not change. */
export class RecordInvoiceExtractionCommand extends Command<RecordInvoiceExtractionResult> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly normalized: NormalizedInvoice,
  ) {
    super();
  }
}
