import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Cache, CACHE } from '../../../../common/cache/cache.port';
import { contributionsOf } from '../../domain/sale-contribution';
import { SALES_METRICS_STORE, SalesMetricsStore } from '../../domain/sales-metrics-store.port';
import { SALES_REPOSITORY, SalesRepository } from '../../domain/sales-repository.port';
import { supplierMetricsTag } from '../../queries/get-realtime-metrics/get-realtime-metrics.query';
import { RecordSalesCommand, RecordSalesResult } from './record-sales.command';
import { parseSales } from './sale-input';

/**
 * The ledger write and the metrics write are each exactly once on their own (the ledger
 * upserts by sale id; the metrics store keeps per-sale marks in the same transaction as
 * its increments), so a crash between them is repaired by the redelivery that follows.
 */
@CommandHandler(RecordSalesCommand)
export class RecordSalesHandler implements ICommandHandler<RecordSalesCommand> {
  constructor(
    @Inject(SALES_REPOSITORY) private readonly sales: SalesRepository,
    @Inject(SALES_METRICS_STORE) private readonly metrics: SalesMetricsStore,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async execute({ sales: inputs }: RecordSalesCommand): Promise<RecordSalesResult> {
    const sales = parseSales(inputs);
    if (sales.length === 0) return { saleIds: [], counted: 0 };
    const stored = await this.sales.record(sales);
    const counted = await this.metrics.apply(contributionsOf(stored));
    if (counted > 0) await this.cache.invalidateTags([...new Set(stored.map((s) => supplierMetricsTag(s.tenantId, s.supplierId)))]);
    return { saleIds: sales.map((s) => s.saleId), counted };
  }
}
