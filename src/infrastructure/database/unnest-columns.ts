/**
 * Rows as one array per column, for a batch written by one statement:
 * `INSERT … SELECT * FROM unnest($1::text[], $2::numeric[], …)`.
 */
export function columns<T>(rows: readonly T[], pick: ReadonlyArray<(row: T) => unknown>): unknown[][] {
  return pick.map((column) => rows.map(column));
}
