import { Query } from '@nestjs/cqrs';
import type { InvoiceProps } from '../../domain/invoice';

export class GetInvoiceQuery extends Query<InvoiceProps> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
  ) {
    super();
  }
}
