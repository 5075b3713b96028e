import { LakeSchema, lakeValue } from './lake-schema';

/** One JSON object per line, each line ending in LF; no rows is an empty file. */
export function encodeNdjson(rows: readonly object[]): Buffer {
  return Buffer.from(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
}

/** The rows projected onto the schema: its columns only, in its order, nulls checked. */
export function encodeSchemaNdjson<R>(schema: LakeSchema<R>, rows: readonly R[]): Buffer {
  return encodeNdjson(rows.map((row) => Object.fromEntries(schema.map((column) => [column.name, lakeValue(row, column)]))));
}
