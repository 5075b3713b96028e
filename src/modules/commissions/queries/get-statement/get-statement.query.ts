import { Query } from '@nestjs/cqrs';
import type { CommissionStatement } from '../../domain/commission-statement';

export class GetStatementQuery extends Query<CommissionStatement> {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string,
    /** YYYY-MM */
    readonly period: string,
    /** Needed only when the supplier's invoices that month are in several currencies. */
    readonly currency?: string,
  ) {
    super();
  }
}
