import type { LakeTableName } from './lake-tables';

/** Runs SQL over the lake's tables: DuckDB over the local lake, or Athena over Glue tables. */
export const ANALYTICS_ENGINE = Symbol('ANALYTICS_ENGINE');

/** A bound parameter. Strings are always values, never SQL. */
export type AnalyticsParam = string | number | boolean;

export interface AnalyticsQuery {
  /**
   * SQL in the subset both DuckDB and Athena (Trino) accept, naming lake tables by their
   * catalog names and taking every value as a positional `?`.
   */
  sql: string;
  params: readonly AnalyticsParam[];
  /** The lake tables the SQL reads (the engine makes them available under these names). */
  tables: readonly LakeTableName[];
}

/**
 * How a result column comes back: `integer` as a JS number, `decimal` as exact text (never a
 * float), `double` as a number, `date` as YYYY-MM-DD, `timestamp` as ISO 8601 UTC.
 */
export type AnalyticsColumnType = 'string' | 'integer' | 'decimal' | 'double' | 'boolean' | 'date' | 'timestamp';
export type AnalyticsValue = string | number | boolean | null;

export interface AnalyticsColumn {
  name: string;
  type: AnalyticsColumnType;
}

export interface AnalyticsResult {
  columns: AnalyticsColumn[];
  rows: Record<string, AnalyticsValue>[];
}

export interface AnalyticsEngine {
  /**
   * True when queries take seconds even when small (Athena): reports then run as jobs
   * rather than inside the HTTP request.
   */
  readonly slow: boolean;
  /** A table with no files yet reads as empty, never as an error. */
  run(query: AnalyticsQuery): Promise<AnalyticsResult>;
}

/** A query the engine refused or could not finish (failed, cancelled, timed out). */
export class AnalyticsQueryError extends Error {}
