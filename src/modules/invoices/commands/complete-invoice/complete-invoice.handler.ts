import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvoiceMetrics } from '../../application/invoice-metrics';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { InvoiceStatus } from '../../domain/invoice-status';
import { changeInvoice } from '../../domain/load-invoice';
import type { InvoiceStatusResult } from '../invoice-status.result';
import { CompleteInvoiceCommand } from './complete-invoice.command';

@CommandHandler(CompleteInvoiceCommand)
export class CompleteInvoiceHandler implements ICommandHandler<CompleteInvoiceCommand> {
  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    private readonly metrics: InvoiceMetrics,
  ) {}

  async execute({ tenantId, invoiceId, status }: CompleteInvoiceCommand): Promise<InvoiceStatusResult> {
    const target = status as InvoiceStatus.COMPLETED | InvoiceStatus.NEEDS_REVIEW;
    const invoice = await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.complete(target), this.metrics.statusSaved);
    return { invoiceId, status: invoice.props.status };
  }
}
