import type { SchemaElement } from 'hyparquet-writer';
import { unscaledAmount } from '../money/money';
import { importEsm } from './esm-import';
import { LAKE_DECIMAL, LakeColumn, LakeColumnType, LakeSchema, LakeValue, lakeValue } from './lake-schema';

type HyparquetWriter = typeof import('hyparquet-writer');

// The fewest bytes a two's-complement integer of LAKE_DECIMAL.precision digits needs
// (INT64 holds only 18), as the Parquet spec sizes FIXED_LEN_BYTE_ARRAY decimals.
const DECIMAL_BYTES = Math.ceil((LAKE_DECIMAL.precision * Math.log2(10) + 1) / 8);

const ELEMENTS: Record<LakeColumnType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  decimal: {
    type: 'FIXED_LEN_BYTE_ARRAY',
    type_length: DECIMAL_BYTES,
    converted_type: 'DECIMAL',
    precision: LAKE_DECIMAL.precision,
    scale: LAKE_DECIMAL.scale,
    logical_type: { type: 'DECIMAL', precision: LAKE_DECIMAL.precision, scale: LAKE_DECIMAL.scale },
  },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
};

/**
 * A Parquet file with an explicit schema (never guessed from the data, so an empty file
 * has the same schema as a full one). The output depends on the rows alone: the same
 * rows give the same bytes.
 */
export async function encodeParquet<R>(schema: LakeSchema<R>, rows: readonly R[]): Promise<Buffer> {
  const { parquetWriteBuffer } = await importEsm<HyparquetWriter>('hyparquet-writer');
  const buffer = parquetWriteBuffer({
    columnData: schema.map((column) => ({ name: column.name, data: rows.map((row) => parquetValue(column, lakeValue(row, column))) })),
    schema: [
      { name: 'root', num_children: schema.length },
      ...schema.map((column) => ({ name: column.name, ...ELEMENTS[column.type], repetition_type: column.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const) })),
    ],
  });
  return Buffer.from(buffer);
}

function parquetValue<R>(column: LakeColumn<R>, value: LakeValue): unknown {
  if (value === null) return null;
  switch (column.type) {
    case 'decimal':
      return unscaledAmount(String(value), LAKE_DECIMAL.scale);
    case 'timestamp':
      return new Date(String(value));
    case 'int64':
      return BigInt(value as number);
    default:
      return value;
  }
}
