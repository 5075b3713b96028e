import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { changeInvoice } from '../../domain/load-invoice';
import { RecordInvoiceExtractionCommand, RecordInvoiceExtractionResult } from './record-invoice-extraction.command';

@CommandHandler(RecordInvoiceExtractionCommand)
export class RecordInvoiceExtractionHandler implements ICommandHandler<RecordInvoiceExtractionCommand> {
  constructor(@Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository) {}

  async execute({ tenantId, invoiceId, normalized }: RecordInvoiceExtractionCommand): Promise<RecordInvoiceExtractionResult> {
    const invoice = await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.recordExtraction(normalized));
    return { invoiceId, lines: invoice.props.lines };
  }
}
