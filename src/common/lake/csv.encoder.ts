import { gzipSync } from 'node:zlib';
import { LakeSchema, LakeValue, lakeValue } from './lake-schema';

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields holding a comma, quote, CR or LF
 * quoted with inner quotes doubled. An empty string is written `""` and a null as an
 * empty field, so readers that follow Postgres' convention tell them apart.
 */
export function encodeCsv<R>(schema: LakeSchema<R>, rows: readonly R[]): string {
  const lines = [schema.map((column) => csvField(column.name)), ...rows.map((row) => schema.map((column) => csvField(lakeValue(row, column))))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

export function encodeCsvGzip<R>(schema: LakeSchema<R>, rows: readonly R[]): Buffer {
  return gzipSync(encodeCsv(schema, rows));
}

function csvField(value: LakeValue): string {
  if (value === null) return '';
  const text = String(value);
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
