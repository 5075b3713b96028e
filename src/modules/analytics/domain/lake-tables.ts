import { LakeColumnType, LakeSchema } from '../../../common/lake/lake-schema';
import { NDJSON, PARQUET } from '../../../common/lake/lake-formats';
import { INVOICE_LINE_COLUMNS, INVOICE_LINES_DATASET } from '../../invoices';
import { DAILY_REPORT_COLUMNS, SALE_COLUMNS, SALES_DAILY_REPORTS_DATASET, SALES_DATASET } from '../../sales';
import { PRODUCT_SNAPSHOT_COLUMNS, PRODUCTS_DATASET } from './product-snapshot-rows';
import { PURCHASE_COLUMNS, PURCHASES_DATASET } from './purchase-rows';

export type LakeTableFormat = 'parquet' | 'ndjson';

/**
 * Every lake file sits under `<location>/tenant=<t>/year=<yyyy>/month=<mm>/day=<dd>/`. All four
 * keys are strings: month and day are zero-padded text, and the tenant is URL-encoded in the path.
 */
export const PARTITION_KEYS = ['tenant', 'year', 'month', 'day'] as const;
export type PartitionKey = (typeof PARTITION_KEYS)[number];

/**
 * One queryable lake table: the single definition the analytics engines (DuckDB views, Athena
 * over Glue) and the CDK Glue tables are built from, so a writer's schema change reaches them all.
 */
export interface LakeTable {
  /** The table's name in SQL: the DuckDB view and the Glue table. */
  name: string;
  /** Key prefix in the data-lake bucket, without a trailing slash. */
  location: string;
  format: LakeTableFormat;
  /** File name extension, without the dot. */
  extension: string;
  columns: LakeSchema<any>;
  partitionKeys: readonly PartitionKey[];
}

function table(name: string, format: LakeTableFormat, columns: LakeSchema<any>): LakeTable {
  const lakeFormat = format === 'parquet' ? PARQUET : NDJSON;
  // invoice_lines is NDJSON at the dataset's own prefix (docs/lake/invoice-lines.md), not an export.
  const location = format === 'parquet' ? lakeFormat.location(name) : name;
  return { name, location, format, extension: lakeFormat.extension, columns, partitionKeys: PARTITION_KEYS };
}

export const LAKE_TABLES = {
  purchases: table(PURCHASES_DATASET, 'parquet', PURCHASE_COLUMNS),
  products: table(PRODUCTS_DATASET, 'parquet', PRODUCT_SNAPSHOT_COLUMNS),
  sales: table(SALES_DATASET, 'parquet', SALE_COLUMNS),
  // One file per supplier and day (supplier=<id>.parquet); the supplier is a column, not a partition.
  sales_daily_reports: table(SALES_DAILY_REPORTS_DATASET, 'parquet', DAILY_REPORT_COLUMNS),
  invoice_lines: table(INVOICE_LINES_DATASET, 'ndjson', INVOICE_LINE_COLUMNS),
} as const satisfies Record<string, LakeTable>;

export type LakeTableName = keyof typeof LAKE_TABLES;

export function lakeTable(name: LakeTableName): LakeTable {
  return LAKE_TABLES[name];
}

export type SqlTypeDialect = 'glue' | 'duckdb';

/**
 * The column's type as stored, in Hive/Glue DDL spelling (what Athena and Redshift Spectrum
 * read) or DuckDB's (as DESCRIBE reports it). NDJSON holds decimals and timestamps as text, so
 * those columns are strings there and queries cast them.
 */
export function storedColumnType(format: LakeTableFormat, type: LakeColumnType, dialect: SqlTypeDialect): string {
  const stored = format === 'ndjson' && (type === 'decimal' || type === 'timestamp') ? 'string' : type;
  return SQL_TYPES[dialect][stored];
}

const SQL_TYPES: Record<SqlTypeDialect, Record<LakeColumnType, string>> = {
  glue: { string: 'string', int32: 'int', int64: 'bigint', double: 'double', decimal: 'decimal(19,4)', timestamp: 'timestamp', boolean: 'boolean' },
  duckdb: {
    string: 'VARCHAR',
    int32: 'INTEGER',
    int64: 'BIGINT',
    double: 'DOUBLE',
    decimal: 'DECIMAL(19,4)',
    // Parquet TIMESTAMP(isAdjustedToUTC) is an instant: DuckDB reads it WITH TIME ZONE.
    timestamp: 'TIMESTAMP WITH TIME ZONE',
    boolean: 'BOOLEAN',
  },
};
