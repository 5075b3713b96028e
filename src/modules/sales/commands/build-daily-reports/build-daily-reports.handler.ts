import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Cache, CACHE } from '../../../../common/cache/cache.port';
import { InvalidInputError } from '../../../../common/errors/application-errors';
import { PARQUET } from '../../../../common/lake/lake-formats';
import { partitionPath } from '../../../../common/lake/partition-path';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../common/storage/object-storage.port';
import { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { DAILY_REPORT_COLUMNS, dailyReportKey, SALES_DAILY_REPORTS_DATASET, SupplierDailySummary } from '../../domain/daily-report';
import { averageOrderValue } from '../../domain/realtime-metrics';
import { saleRowOf } from '../../domain/sale';
import { SALE_COLUMNS, SALES_DATASET } from '../../domain/sale-lake-rows';
import { SALES_REPOSITORY, SalesRepository } from '../../domain/sales-repository.port';
import { tenantReportsTag } from '../../queries/get-supplier-reports/get-supplier-reports.query';
import { BuildDailyReportsCommand, DailyReportsResult } from './build-daily-reports.command';
import { lakeTableCacheTag } from '../../../../common/lake/lake-cache-tag';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The lake objects are written before the summaries, so a summary never points at a
 * report that is not there yet; a crash in between is repaired by the retried message.
 */
@CommandHandler(BuildDailyReportsCommand)
export class BuildDailyReportsHandler implements ICommandHandler<BuildDailyReportsCommand> {
  constructor(
    @Inject(SALES_REPOSITORY) private readonly sales: SalesRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async execute({ date, tenantId }: BuildDailyReportsCommand): Promise<DailyReportsResult> {
    if (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new InvalidInputError(`Not a calendar day (YYYY-MM-DD): ${date}`);
    const tenants = tenantId ? [tenantId] : await this.sales.tenantsWithSales(date);
    const result: DailyReportsResult = { date, tenants: tenants.length, sales: 0, reports: 0 };
    for (const tenant of tenants) {
      const built = await this.buildTenantDay(tenant, date);
      result.sales += built.sales;
      result.reports += built.reports;
    }
    return result;
  }

  private async buildTenantDay(tenantId: string, date: string): Promise<{ sales: number; reports: number }> {
    const bucket = this.config.storage.buckets.dataLake;
    const partition = partitionPath(tenantId, date);
    const sales = await this.sales.salesOn(tenantId, date);
    const { suppliers, products } = await this.sales.dayTotals(tenantId, date);
    if (sales.length > 0) {
      const salesKey = `${PARQUET.location(SALES_DATASET)}/${partition}/part-0.${PARQUET.extension}`;
      await this.storage.put(bucket, salesKey, await PARQUET.encode(SALE_COLUMNS, sales.map(saleRowOf)), { contentType: PARQUET.contentType });
    }
    const summaries: SupplierDailySummary[] = [];
    for (const supplierId of [...new Set(suppliers.map((s) => s.supplierId))]) {
      const reportKey = dailyReportKey(partition, supplierId);
      const rows = products.filter((p) => p.supplier_id === supplierId);
      await this.storage.put(bucket, reportKey, await PARQUET.encode(DAILY_REPORT_COLUMNS, rows), { contentType: PARQUET.contentType });
      for (const totals of suppliers.filter((s) => s.supplierId === supplierId)) {
        summaries.push({ ...totals, averageOrderValue: averageOrderValue(totals.revenue, totals.orders), reportKey });
      }
    }
    await this.sales.replaceSummaries(tenantId, date, summaries);
    await this.cache.invalidateTags([
      tenantReportsTag(tenantId),
      lakeTableCacheTag(tenantId, SALES_DATASET),
      lakeTableCacheTag(tenantId, SALES_DAILY_REPORTS_DATASET),
    ]);
    return { sales: sales.length, reports: summaries.length };
  }
}
