import { Command } from '@nestjs/cqrs';
import type { InvoiceLineInput, LineMatch } from '../../domain/line-match';

export interface LineMatchResult extends LineMatch {
  lineId: string;
  /** `matched` when the confidence reached the threshold; `review` lines wait in the review queue. */
  status: 'matched' | 'review';
}

/** Matches an invoice's lines to catalog SKUs; lines below the threshold are queued for review. */
export class MatchInvoiceLinesCommand extends Command<LineMatchResult[]> {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string | null,
    readonly invoiceId: string,
    readonly lines: InvoiceLineInput[],
  ) {
    super();
  }
}
