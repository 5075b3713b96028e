import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { changeInvoice } from '../../domain/load-invoice';
import type { InvoiceStatusResult } from '../invoice-status.result';
import { RecordLineCommissionsCommand } from './record-line-commissions.command';

@CommandHandler(RecordLineCommissionsCommand)
export class RecordLineCommissionsHandler implements ICommandHandler<RecordLineCommissionsCommand> {
  constructor(@Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository) {}

  async execute({ tenantId, invoiceId, commissions }: RecordLineCommissionsCommand): Promise<InvoiceStatusResult> {
    const invoice = await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.recordCommissions(commissions));
    return { invoiceId, status: invoice.props.status };
  }
}
