import { Query } from '@nestjs/cqrs';
import type { InvoiceLineForCommission } from '../../commands/calculate-invoice-commissions/calculate-invoice-commissions.command';
import type { CommissionLine } from '../../domain/commission-calculator';

/**
 * The commission each line would earn under the supplier's agreement on `date`, without
 * storing anything (the invoice ledger and statements stay invoices only): how sales of
 * other channels, such as order lines, are priced. Tiered rules use the tier the supplier's
 * invoiced volume of that month has reached. Lines get '0.00' when no agreement applies;
 * throws Commission.CurrencyMismatch when the agreement is in another currency.
 */
export class QuoteLineCommissionsQuery extends Query<CommissionLine[]> {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string,
    /** ISO 8601; its calendar date picks the agreement. */
    readonly date: string,
    readonly currency: string,
    readonly lines: readonly InvoiceLineForCommission[],
  ) {
    super();
  }
}
