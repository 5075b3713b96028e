import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { InvoiceProps } from '../../domain/invoice';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { loadInvoice } from '../../domain/load-invoice';
import { GetInvoiceQuery } from './get-invoice.query';

@QueryHandler(GetInvoiceQuery)
export class GetInvoiceHandler implements IQueryHandler<GetInvoiceQuery> {
  constructor(@Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository) {}

  async execute({ tenantId, invoiceId }: GetInvoiceQuery): Promise<InvoiceProps> {
    return (await loadInvoice(this.invoices, tenantId, invoiceId)).props;
  }
}
