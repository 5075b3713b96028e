import Decimal from 'decimal.js';
import { encodeCsv } from '../../../common/lake/csv.encoder';
import type { AnalyticsColumn, AnalyticsResult, AnalyticsValue } from './analytics-engine.port';
import type { CompiledReport } from './report-compiler';

export interface ReportResult {
  columns: AnalyticsColumn[];
  rows: Record<string, AnalyticsValue>[];
  /** More rows matched than the limit. */
  truncated: boolean;
}

/** Places of an exact average: the lake's own decimal scale. */
const AVERAGE_SCALE = 4;

/**
 * The engine's rows as the report returns them: cut to the limit, helper columns dropped, and
 * each average replaced by its exact value, sum / count rounded half-up to 4 places (engines
 * differ: DuckDB averages decimals as doubles).
 */
export function shapeReport(compiled: CompiledReport, result: AnalyticsResult): ReportResult {
  const averages = new Set(compiled.averages.map((a) => a.alias));
  const columns = compiled.columns.map((name) => ({
    name,
    type: averages.has(name) ? ('decimal' as const) : (result.columns.find((c) => c.name === name)?.type ?? 'string'),
  }));
  const rows = result.rows.slice(0, compiled.limit).map((row) => {
    const shaped = Object.fromEntries(compiled.columns.map((name) => [name, row[name] ?? null]));
    for (const average of compiled.averages) shaped[average.alias] = exactAverage(String(row[average.sum] ?? 0), Number(row[average.count] ?? 0));
    return shaped;
  });
  return { columns, rows, truncated: result.rows.length > compiled.limit };
}

/** total / count to 4 places, half-up; null over no rows. */
export function exactAverage(total: string, count: number): string | null {
  return count === 0 ? null : new Decimal(total).div(count).toFixed(AVERAGE_SCALE, Decimal.ROUND_HALF_UP);
}

/** RFC 4180 CSV (the lake's own encoder): a header row, nulls as empty fields. */
export function reportCsv(report: Pick<ReportResult, 'columns' | 'rows'>): string {
  return encodeCsv(
    report.columns.map((column) => ({ name: column.name, type: 'string' as const, nullable: true })),
    report.rows,
  );
}
