import { Command } from '@nestjs/cqrs';
import type { CommissionLine } from '../../domain/commission-calculator';

export interface InvoiceLineForCommission {
  lineId: string;
  sku: string | null;
  category: string | null;
  /** A number or decimal text; fractional quantities are allowed. */
  quantity: number | string;
  /** Decimal text in the invoice currency (a number is accepted and read as its shortest text). */
  lineTotal: string | number;
}

export interface InvoiceCommissionsResult {
  invoiceId: string;
  currency: string;
  lines: CommissionLine[];
  /** Exact sum of the line amounts. */
  total: string;
  /** The supplier's volume in the invoice's month, this invoice included, that picked the tiers. */
  monthVolume: string;
}

/**
 * Calculates and stores the commission of every line of one invoice, replacing any earlier
 * calculation of the same invoice (so it is safe to re-run, e.g. as a workflow task).
 * Throws Commission.CurrencyMismatch (UnprocessableError) when the agreement valid on the
 * invoice date is in another currency, Commission.InvalidInput for malformed input.
 */
export class CalculateInvoiceCommissionsCommand extends Command<InvoiceCommissionsResult> {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string,
    readonly invoiceId: string,
    /** ISO 8601; its calendar date as written picks the agreement and the month. */
    readonly invoiceDate: string,
    readonly currency: string,
    readonly lines: readonly InvoiceLineForCommission[],
  ) {
    super();
  }
}
