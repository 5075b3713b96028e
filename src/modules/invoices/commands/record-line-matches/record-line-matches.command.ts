import { Command } from '@nestjs/cqrs';
import type { LineMatch } from '../../domain/invoice-line';
import type { InvoiceStatusResult } from '../invoice-status.result';

export type LineMatchInput = { lineId: string } & LineMatch;

/** Sets the match result of the given lines (others keep theirs); PROCESSING or NEEDS_REVIEW. */
export class RecordLineMatchesCommand extends Command<InvoiceStatusResult> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly matches: LineMatchInput[],
  ) {
    super();
  }
}
