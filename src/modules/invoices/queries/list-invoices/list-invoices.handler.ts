import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { INVOICE_REPOSITORY, InvoicePage, InvoiceRepository } from '../../domain/invoice-repository.port';
import { ListInvoicesQuery } from './list-invoices.query';

@QueryHandler(ListInvoicesQuery)
export class ListInvoicesHandler implements IQueryHandler<ListInvoicesQuery> {
  constructor(@Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository) {}

  execute({ tenantId, criteria }: ListInvoicesQuery): Promise<InvoicePage> {
    return this.invoices.list(tenantId, criteria);
  }
}
