import { Command } from '@nestjs/cqrs';
import type { LineCommission } from '../../domain/invoice-line';
import type { InvoiceStatusResult } from '../invoice-status.result';

export type LineCommissionInput = { lineId: string } & LineCommission;

/** Sets the commission of the given lines (others keep theirs); amounts are exact decimal text. */
export class RecordLineCommissionsCommand extends Command<InvoiceStatusResult> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly commissions: LineCommissionInput[],
  ) {
    super();
  }
}
