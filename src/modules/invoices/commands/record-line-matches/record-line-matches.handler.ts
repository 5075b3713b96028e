import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { changeInvoice } from '../../domain/load-invoice';
import type { InvoiceStatusResult } from '../invoice-status.result';
import { RecordLineMatchesCommand } from './record-line-matches.command';

@CommandHandler(RecordLineMatchesCommand)
export class RecordLineMatchesHandler implements ICommandHandler<RecordLineMatchesCommand> {
  constructor(@Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository) {}

  async execute({ tenantId, invoiceId, matches }: RecordLineMatchesCommand): Promise<InvoiceStatusResult> {
    const invoice = await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.recordMatches(matches));
    return { invoiceId, status: invoice.props.status };
  }
}
