import { Command } from '@nestjs/cqrs';

export interface DailyReportsResult {
  date: string;
  tenants: number;
  /** Sales written to the lake's `sales` dataset. */
  sales: number;
  /** Supplier reports (summary rows) written. */
  reports: number;
}

/**
 * Builds one UTC day's reports from the sales ledger, for every tenant with sales that day
 * or only `tenantId`: the day's sales as the lake's `sales` dataset, one Parquet report per
 * supplier, and the suppliers' summary rows in Postgres. Every output is rewritten whole,
 * so a re-run (or a redelivered message) for the same day leaves no duplicates.
 */
export class BuildDailyReportsCommand extends Command<DailyReportsResult> {
  constructor(
    /** YYYY-MM-DD */
    readonly date: string,
    readonly tenantId?: string,
  ) {
    super();
  }
}
