import { Query } from '@nestjs/cqrs';
import type { InvoiceListQuery, InvoicePage } from '../../domain/invoice-repository.port';

export class ListInvoicesQuery extends Query<InvoicePage> {
  constructor(
    readonly tenantId: string,
    readonly criteria: InvoiceListQuery,
  ) {
    super();
  }
}
