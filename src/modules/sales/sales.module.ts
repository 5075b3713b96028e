import { Module } from '@nestjs/common';
import { PostgresSalesRepository } from './adapters/postgres-sales.repository';
import { BuildDailyReportsHandler } from './commands/build-daily-reports/build-daily-reports.handler';
import { ExpireMetricBucketsHandler } from './commands/expire-metric-buckets/expire-metric-buckets.handler';
import { RecordSalesHandler } from './commands/record-sales/record-sales.handler';
import { SalesReportsConsumer } from './consumers/sales-reports.consumer';
import { SALES_REPOSITORY } from './domain/sales-repository.port';
import { GetDailyReportsHandler } from './queries/get-daily-reports/get-daily-reports.handler';
import { GetRealtimeMetricsHandler } from './queries/get-realtime-metrics/get-realtime-metrics.handler';
import { GetSupplierReportsHandler } from './queries/get-supplier-reports/get-supplier-reports.handler';
import { SalesController } from './sales.controller';
import { OrderSalesSubscriber } from './subscribers/order-sales.subscriber';

/**
 * Sales from completed orders and processed invoices, their real-time metrics and the daily
 * reports. The sales ledger lives in the relational store on every profile (Aurora on AWS),
 * so the module binds its Postgres adapter itself; SALES_METRICS_STORE (Postgres or
 * DynamoDB) comes from the infrastructure module.
 */
@Module({
  controllers: [SalesController],
  providers: [
    { provide: SALES_REPOSITORY, useClass: PostgresSalesRepository },
    RecordSalesHandler,
    BuildDailyReportsHandler,
    ExpireMetricBucketsHandler,
    GetRealtimeMetricsHandler,
    GetSupplierReportsHandler,
    GetDailyReportsHandler,
    OrderSalesSubscriber,
    SalesReportsConsumer,
  ],
})
export class SalesModule {}
