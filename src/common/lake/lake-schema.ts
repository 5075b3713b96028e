/**
 * The column types a lake table may use. Each has one fixed representation per format,
 * documented in docs/lake/: decimals are exact text in NDJSON/CSV and DECIMAL(19,4) in
 * Parquet, timestamps ISO 8601 UTC text or TIMESTAMP(MILLIS, UTC). `double` is for scores
 * and ratios, never money.
 */
export type LakeColumnType = 'string' | 'int32' | 'int64' | 'double' | 'decimal' | 'timestamp' | 'boolean';

export type LakeValue = string | number | boolean | null;

export interface LakeColumn<R> {
  name: keyof R & string;
  type: LakeColumnType;
  nullable?: boolean;
}

/** A table's columns, in the order every format writes them. */
export type LakeSchema<R> = readonly LakeColumn<R>[];

/** Matches the relational store's `numeric(19,4)`, so every amount it holds fits exactly. */
export const LAKE_DECIMAL = { precision: 19, scale: 4 } as const;

export function lakeValue<R>(row: R, column: LakeColumn<R>): LakeValue {
  const value = row[column.name] as LakeValue | undefined;
  if (value === null || value === undefined) {
    if (!column.nullable) throw new Error(`Lake column ${column.name} is not nullable`);
    return null;
  }
  return value;
}
