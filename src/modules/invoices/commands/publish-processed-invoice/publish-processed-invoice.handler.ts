import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { encodeSchemaNdjson } from '../../../../common/lake/ndjson.encoder';
import { Cache, CACHE } from '../../../../common/cache/cache.port';
import { lakeTableCacheTag } from '../../../../common/lake/lake-cache-tag';
import { partitionPath } from '../../../../common/lake/partition-path';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../common/storage/object-storage.port';
import { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { GetProductQuery, ProductNotFoundError } from '../../../matching';
import { RecordSalesCommand } from '../../../sales';
import { INVOICE_LINE_COLUMNS, INVOICE_LINES_DATASET, invoiceLakeRows, partitionDateOf } from '../../domain/invoice-lake-rows';
import type { InvoiceProps } from '../../domain/invoice';
import { invoiceSales } from '../../domain/invoice-sales';
import { InvoiceMetrics } from '../../application/invoice-metrics';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { InvoiceStatus } from '../../domain/invoice-status';
import { changeInvoice, loadInvoice } from '../../domain/load-invoice';
import { invoiceTaskInput } from '../invoice-task';
import { PublishedInvoice, PublishProcessedInvoiceCommand } from './publish-processed-invoice.command';

/**
 * Keys are derived from the invoice alone and objects are overwritten whole, so a re-run
 * after a crash rewrites the same two objects instead of adding rows to the lake. Its lines
 * are recorded as sales by id (`invoice:<id>:<line>`): a re-run records nothing twice, and
 * a re-publish after a review corrects the sales it recorded before.
 */
@CommandHandler(PublishProcessedInvoiceCommand)
export class PublishProcessedInvoiceHandler implements ICommandHandler<PublishProcessedInvoiceCommand> {
  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly metrics: InvoiceMetrics,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async execute({ input }: PublishProcessedInvoiceCommand): Promise<PublishedInvoice> {
    const { tenantId, invoiceId } = invoiceTaskInput(input);
    const invoice = (await loadInvoice(this.invoices, tenantId, invoiceId)).props;
    const partition = partitionPath(tenantId, partitionDateOf(invoice));
    const { invoicesProcessed, dataLake } = this.config.storage.buckets;
    const processedKey = `${partition}/${invoiceId}.json`;
    const lakeKey = `${INVOICE_LINES_DATASET}/${partition}/${invoiceId}.ndjson`;
    const processedAt = invoice.updatedAt;
    await this.storage.put(invoicesProcessed, processedKey, Buffer.from(JSON.stringify(invoice, null, 2)), { contentType: 'application/json' });
    await this.storage.put(dataLake, lakeKey, encodeSchemaNdjson(INVOICE_LINE_COLUMNS, invoiceLakeRows(invoice, processedAt)), { contentType: 'application/x-ndjson' });
    await this.cache.invalidateTags([lakeTableCacheTag(tenantId, INVOICE_LINES_DATASET)]);
    await this.commands.execute(new RecordSalesCommand(invoiceSales(invoice, await this.categoriesOf(invoice), processedAt)));
    const needsReview = (invoice.header?.reviewReasons.length ?? 0) > 0 || invoice.lines.some((l) => l.match?.status !== 'matched');
    const status = needsReview ? InvoiceStatus.NEEDS_REVIEW : InvoiceStatus.COMPLETED;
    await changeInvoice(this.invoices, tenantId, invoiceId, (i) => i.complete(status), this.metrics.statusSaved);
    return { status, processedKey, lakeKey };
  }

  private async categoriesOf(invoice: InvoiceProps): Promise<Map<string, string | null>> {
    const skus = [...new Set(invoice.lines.flatMap((l) => (l.match?.status === 'matched' && l.match.sku ? [l.match.sku] : [])))];
    const categories = await Promise.all(
      skus.map((sku) =>
        this.queries.execute(new GetProductQuery(invoice.tenantId, sku)).then(
          (product) => product.category,
          (error: unknown) => {
            if (error instanceof ProductNotFoundError) return null;
            throw error;
          },
        ),
      ),
    );
    return new Map(skus.map((sku, i) => [sku, categories[i]]));
  }
}
