import { importEsm } from './esm-import';
import { LakeSchema } from './lake-schema';
import { encodeParquet } from './parquet.encoder';

type Hyparquet = typeof import('hyparquet');

interface Row {
  name: string;
  line: number;
  version: number;
  amount: string | null;
  at: string;
  deleted: boolean;
}

const schema: LakeSchema<Row> = [
  { name: 'name', type: 'string' },
  { name: 'line', type: 'int32' },
  { name: 'version', type: 'int64' },
  { name: 'amount', type: 'decimal', nullable: true },
  { name: 'at', type: 'timestamp' },
  { name: 'deleted', type: 'boolean' },
];

const rows: Row[] = [
  { name: 'Café, "molido"', line: 1, version: 3, amount: '19.99', at: '2024-03-05T10:11:12.345Z', deleted: false },
  { name: 'Big', line: 2, version: 2 ** 40, amount: '999999999999990.0000', at: '2024-03-06T00:00:00.000Z', deleted: true },
  { name: 'Tiny', line: 3, version: 1, amount: '-0.0125', at: '2024-03-07T00:00:00.000Z', deleted: false },
  { name: 'None', line: 4, version: 1, amount: null, at: '2024-03-07T00:00:00.000Z', deleted: false },
];

async function readBack(file: Buffer) {
  const { parquetMetadata, parquetReadObjects } = await importEsm<Hyparquet>('hyparquet');
  const arrayBuffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  return { metadata: parquetMetadata(arrayBuffer), objects: await parquetReadObjects({ file: arrayBuffer }) };
}

describe('encodeParquet', () => {
  it('writes the declared physical and logical types', async () => {
    const { metadata } = await readBack(await encodeParquet(schema, rows));
    const byName = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, e]));
    expect(byName.name).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    expect(byName.line).toMatchObject({ type: 'INT32' });
    expect(byName.version).toMatchObject({ type: 'INT64' });
    expect(byName.amount).toMatchObject({
      type: 'FIXED_LEN_BYTE_ARRAY',
      type_length: 9,
      repetition_type: 'OPTIONAL',
      logical_type: { type: 'DECIMAL', precision: 19, scale: 4 },
    });
    expect(byName.at).toMatchObject({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } });
    expect(byName.deleted).toMatchObject({ type: 'BOOLEAN' });
    expect(Number(metadata.num_rows)).toBe(rows.length);
  });

  it('reads back the values it was given', async () => {
    const { objects } = await readBack(await encodeParquet(schema, rows));
    expect(objects.map((o) => o.name)).toEqual(rows.map((r) => r.name));
    expect(objects.map((o) => o.line)).toEqual([1, 2, 3, 4]);
    expect(objects.map((o) => o.version)).toEqual([3n, 2n ** 40n, 1n, 1n]);
    // hyparquet reads decimals into JS numbers, so only to float precision here; the lake
    // e2e test reads them exactly through DuckDB.
    const amounts = objects.map((o) => o.amount as number | null);
    expect(amounts[3]).toBeNull();
    amounts.slice(0, 3).forEach((amount, i) => expect(Math.abs(amount! - Number(rows[i].amount))).toBeLessThanOrEqual(Math.abs(Number(rows[i].amount)) * 1e-15));
    expect(objects.map((o) => (o.at as Date).toISOString())).toEqual(rows.map((r) => r.at));
    expect(objects.map((o) => o.deleted)).toEqual([false, true, false, false]);
  });

  it('gives the same bytes for the same rows', async () => {
    expect((await encodeParquet(schema, rows)).equals(await encodeParquet(schema, rows))).toBe(true);
  });

  it('keeps the schema in a file with no rows', async () => {
    const { metadata, objects } = await readBack(await encodeParquet(schema, []));
    expect(objects).toEqual([]);
    expect(metadata.schema.slice(1).map((e) => e.name)).toEqual(schema.map((c) => c.name));
  });

  it('refuses an amount it cannot hold exactly', async () => {
    await expect(encodeParquet(schema, [{ ...rows[0], amount: '0.00001' }])).rejects.toThrow(/more than 4 decimals/);
  });
});
