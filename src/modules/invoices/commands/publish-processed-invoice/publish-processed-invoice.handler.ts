import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../common/storage/object-storage.port';
import { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { invoiceLakeRows, partitionDateOf, partitionPath } from '../../domain/invoice-lake-rows';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { InvoiceStatus } from '../../domain/invoice-status';
import { changeInvoice, loadInvoice } from '../../domain/load-invoice';
import { invoiceTaskInput } from '../invoice-task';
import { PublishedInvoice, PublishProcessedInvoiceCommand } from './publish-processed-invoice.command';

/**
 * Keys are derived from the invoice alone and objects are overwritten whole, so a re-run
 * after a crash rewrites the same two objects instead of adding rows to the lake.
 */
@CommandHandler(PublishProcessedInvoiceCommand)
export class PublishProcessedInvoiceHandler implements ICommandHandler<PublishProcessedInvoiceCommand> {
  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input }: PublishProcessedInvoiceCommand): Promise<PublishedInvoice> {
    const { tenantId, invoiceId } = invoiceTaskInput(input);
    const invoice = (await loadInvoice(this.invoices, tenantId, invoiceId)).props;
    const partition = partitionPath(tenantId, partitionDateOf(invoice));
    const { invoicesProcessed, dataLake } = this.config.storage.buckets;
    const processedKey = `${partition}/${invoiceId}.json`;
    const lakeKey = `invoice_lines/${partition}/${invoiceId}.ndjson`;
    const processedAt = invoice.updatedAt;
    await this.storage.put(invoicesProcessed, processedKey, Buffer.from(JSON.stringify(invoice, null, 2)), { contentType: 'application/json' });
    const rows = invoiceLakeRows(invoice, processedAt).map((row) => JSON.stringify(row)).join('\n');
    await this.storage.put(dataLake, lakeKey, Buffer.from(rows ? `${rows}\n` : ''), { contentType: 'application/x-ndjson' });
    const needsReview = (invoice.header?.reviewReasons.length ?? 0) > 0 || invoice.lines.some((l) => l.match?.status !== 'matched');
    const status = needsReview ? InvoiceStatus.NEEDS_REVIEW : InvoiceStatus.COMPLETED;
    await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.complete(status));
    return { status, processedKey, lakeKey };
  }
}
