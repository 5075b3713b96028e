// The Analytics module's public surface: other modules import from here only.
export { AnalyticsModule } from './analytics.module';
export { LakeChangeSubscriber } from './subscribers/lake-change.subscriber';
export { PURCHASES_DATASET, PURCHASE_COLUMNS, type PurchaseRow } from './domain/purchase-rows';
export { PRODUCTS_DATASET, PRODUCT_SNAPSHOT_COLUMNS, type ProductSnapshotRow } from './domain/product-snapshot-rows';
export { LAKE_TABLES, PARTITION_KEYS, storedColumnType, type LakeTable, type LakeTableName } from './domain/lake-tables';
export { ANALYTICS_CACHE_NAMESPACE } from './domain/analytics-cache';
