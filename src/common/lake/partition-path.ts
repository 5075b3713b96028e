/**
 * Hive-style partitions (`key=value` directories), so Athena/Glue and DuckDB's
 * hive_partitioning read tenant, year, month and day as columns. The tenant is
 * URL-encoded (as Hive escapes partition values) so no id can add a directory level.
 */
export function partitionPath(tenantId: string, day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Not a calendar day (YYYY-MM-DD): ${day}`);
  const [, year, month, dayOfMonth] = match;
  return `tenant=${encodeURIComponent(tenantId)}/year=${year}/month=${month}/day=${dayOfMonth}`;
}

/** The UTC calendar day of an ISO 8601 instant, whatever offset it was written with. */
export function utcDayOf(instant: string): string {
  const time = new Date(instant);
  if (Number.isNaN(time.getTime())) throw new Error(`Not an ISO 8601 instant: ${instant}`);
  return time.toISOString().slice(0, 10);
}
