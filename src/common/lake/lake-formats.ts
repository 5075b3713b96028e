import { encodeCsvGzip } from './csv.encoder';
import { LakeSchema } from './lake-schema';
import { encodeSchemaNdjson } from './ndjson.encoder';
import { encodeParquet } from './parquet.encoder';

/**
 * A file format of the lake. Each format of a dataset is its own table location, because a
 * Glue/Athena table and DuckDB's read_parquet/read_json over a prefix read one format:
 * Parquet, the analytics table, at `<dataset>/`; the exports at `exports/<format>/<dataset>/`.
 */
export interface LakeFormat {
  location(dataset: string): string;
  extension: string;
  contentType: string;
  encode<R>(schema: LakeSchema<R>, rows: readonly R[]): Promise<Buffer>;
}

export const PARQUET: LakeFormat = {
  location: (dataset) => dataset,
  extension: 'parquet',
  contentType: 'application/vnd.apache.parquet',
  encode: encodeParquet,
};

export const NDJSON: LakeFormat = {
  location: (dataset) => `exports/ndjson/${dataset}`,
  extension: 'ndjson',
  contentType: 'application/x-ndjson',
  encode: async (schema, rows) => encodeSchemaNdjson(schema, rows),
};

export const CSV_GZIP: LakeFormat = {
  location: (dataset) => `exports/csv/${dataset}`,
  extension: 'csv.gz',
  contentType: 'application/gzip',
  encode: async (schema, rows) => encodeCsvGzip(schema, rows),
};

export const LAKE_FORMATS: readonly LakeFormat[] = [PARQUET, NDJSON, CSV_GZIP];
