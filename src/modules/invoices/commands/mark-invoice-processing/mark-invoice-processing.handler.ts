import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { changeInvoice } from '../../domain/load-invoice';
import type { InvoiceStatusResult } from '../invoice-status.result';
import { MarkInvoiceProcessingCommand } from './mark-invoice-processing.command';

@CommandHandler(MarkInvoiceProcessingCommand)
export class MarkInvoiceProcessingHandler implements ICommandHandler<MarkInvoiceProcessingCommand> {
  constructor(@Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository) {}

  async execute({ tenantId, invoiceId, executionId }: MarkInvoiceProcessingCommand): Promise<InvoiceStatusResult> {
    const invoice = await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.markProcessing(executionId));
    return { invoiceId, status: invoice.props.status };
  }
}
