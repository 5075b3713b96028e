import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvoiceMetrics } from '../../application/invoice-metrics';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { changeInvoice } from '../../domain/load-invoice';
import type { InvoiceStatusResult } from '../invoice-status.result';
import { FailInvoiceCommand } from './fail-invoice.command';

@CommandHandler(FailInvoiceCommand)
export class FailInvoiceHandler implements ICommandHandler<FailInvoiceCommand> {
  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    private readonly metrics: InvoiceMetrics,
  ) {}

  async execute({ tenantId, invoiceId, reason }: FailInvoiceCommand): Promise<InvoiceStatusResult> {
    const invoice = await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.fail(reason), this.metrics.statusSaved);
    return { invoiceId, status: invoice.props.status };
  }
}
