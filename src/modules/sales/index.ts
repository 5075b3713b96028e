// The Sales module's public surface: other modules import from here only.
export { SalesModule } from './sales.module';
export { SALES_DATASET, SALE_COLUMNS, type SaleRow } from './domain/sale-lake-rows';
export { RecordSalesCommand, type RecordSalesResult, type SaleInput } from './commands/record-sales/record-sales.command';
export { BuildDailyReportsCommand, type DailyReportsResult } from './commands/build-daily-reports/build-daily-reports.command';
export { OrderSalesSubscriber } from './subscribers/order-sales.subscriber';
export { UNASSIGNED_SUPPLIER } from './domain/sale';
export { SALES_DAILY_REPORTS_DATASET, DAILY_REPORT_COLUMNS, type DailyReportRow, type SupplierDailySummary } from './domain/daily-report';
