import { parse } from 'csv-parse/sync';
import { gunzipSync } from 'node:zlib';
import { encodeCsv, encodeCsvGzip } from './csv.encoder';
import { LakeSchema } from './lake-schema';

interface Row {
  id: number;
  text: string | null;
  amount: string;
  flag: boolean;
}

const schema: LakeSchema<Row> = [
  { name: 'id', type: 'int32' },
  { name: 'text', type: 'string', nullable: true },
  { name: 'amount', type: 'decimal' },
  { name: 'flag', type: 'boolean' },
];

describe('encodeCsv', () => {
  it('writes a header row and CRLF-terminated records', () => {
    expect(encodeCsv(schema, [{ id: 1, text: 'plain', amount: '19.99', flag: true }])).toBe('id,text,amount,flag\r\n1,plain,19.99,true\r\n');
  });

  it('quotes commas, quotes, CR and LF, doubling inner quotes (RFC 4180)', () => {
    const texts = ['a,b', 'say "hi"', 'two\nlines', 'cr\rlf', 'ñandú ✓'];
    const csv = encodeCsv(schema, texts.map((text, id) => ({ id, text, amount: '1.00', flag: false })));
    expect(csv).toContain('0,"a,b",1.00,false\r\n');
    expect(csv).toContain('1,"say ""hi""",1.00,false\r\n');
    expect(csv).toContain('2,"two\nlines",1.00,false\r\n');
    expect(parse<Record<string, string>>(csv, { columns: true }).map((r) => r.text)).toEqual(texts);
  });

  it('tells null (empty field) from the empty string ("")', () => {
    const csv = encodeCsv(schema, [
      { id: 1, text: null, amount: '0.00', flag: false },
      { id: 2, text: '', amount: '0.00', flag: false },
    ]);
    expect(csv.split('\r\n').slice(1, 3)).toEqual(['1,,0.00,false', '2,"",0.00,false']);
  });

  it('refuses a null in a column that is not nullable', () => {
    expect(() => encodeCsv(schema, [{ id: 1, text: 'x', amount: null as unknown as string, flag: true }])).toThrow(/amount is not nullable/);
  });

  it('gzips to bytes that gunzip back to the same CSV', () => {
    const rows = [{ id: 7, text: 'x, "y"\n', amount: '123456789012345.6789', flag: true }];
    const gz = encodeCsvGzip(schema, rows);
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(gz).toString('utf8')).toBe(encodeCsv(schema, rows));
  });
});
