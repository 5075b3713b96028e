import type { DuckDBInstance, DuckDBResultReader } from '@duckdb/node-api';
import { OnModuleDestroy } from '@nestjs/common';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AnalyticsColumnType, AnalyticsEngine, AnalyticsQuery, AnalyticsQueryError, AnalyticsResult, AnalyticsValue } from '../domain/analytics-engine.port';
import { LakeTable, lakeTable, storedColumnType } from '../domain/lake-tables';

/** The partition keys as Glue declares them (strings), not as DuckDB would guess them. */
const HIVE_TYPES = `hive_types = {'tenant': VARCHAR, 'year': VARCHAR, 'month': VARCHAR, 'day': VARCHAR}`;

/**
 * DuckDB in process (one in-memory database per process) over the local lake directory, the
 * LocalObjectStorage layout `<objects root>/<bucket>/<key>`. Each query gets its own connection
 * whose temporary views name the lake tables, so concurrent queries share the instance but
 * never each other's views; a table without files is an empty view of its catalog columns.
 */
export class DuckDbAnalyticsEngine implements AnalyticsEngine, OnModuleDestroy {
  readonly slow = false;
  private instance?: Promise<DuckDBInstance>;

  /** @param lakeRoot the data-lake bucket's directory. */
  constructor(private readonly lakeRoot: string) {}

  async run(query: AnalyticsQuery): Promise<AnalyticsResult> {
    const connection = await (await this.database()).connect();
    try {
      for (const name of new Set(query.tables)) await connection.run(await this.viewSql(lakeTable(name)));
      const statement = await connection.prepare(query.sql);
      if (query.params.length > 0) statement.bind([...query.params]);
      return toResult(await statement.runAndReadAll());
    } catch (error) {
      throw new AnalyticsQueryError(`DuckDB query failed: ${(error as Error).message}`);
    } finally {
      connection.closeSync();
    }
  }

  async onModuleDestroy(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    (await instance)?.closeSync();
  }

  private database(): Promise<DuckDBInstance> {
    this.instance ??= (async () => {
      // Loaded on first use, so boots that never query the lake do not load the native module.
      const { DuckDBInstance } = await import('@duckdb/node-api');
      return DuckDBInstance.create(':memory:');
    })();
    return this.instance;
  }

  private async viewSql(table: LakeTable): Promise<string> {
    const dir = join(this.lakeRoot, table.location);
    const source = (await hasFile(dir, table.extension, 1 + table.partitionKeys.length)) ? readSql(table, dir) : emptySql(table);
    return `CREATE OR REPLACE TEMP VIEW ${table.name} AS ${source}`;
  }
}

function readSql(table: LakeTable, dir: string): string {
  const files = quote(`${dir}/${table.partitionKeys.map(() => '*').join('/')}/*.${table.extension}`);
  if (table.format === 'parquet') return `SELECT * FROM read_parquet(${files}, hive_partitioning = true, union_by_name = true, ${HIVE_TYPES})`;
  const columns = table.columns.map((c) => `${quote(c.name)}: ${quote(storedColumnType(table.format, c.type, 'duckdb'))}`).join(', ');
  return `SELECT * FROM read_json(${files}, format = 'newline_delimited', columns = {${columns}}, hive_partitioning = true, ${HIVE_TYPES})`;
}

function emptySql(table: LakeTable): string {
  const columns = [
    ...table.columns.map((c) => `CAST(NULL AS ${storedColumnType(table.format, c.type, 'duckdb')}) AS ${c.name}`),
    ...table.partitionKeys.map((key) => `CAST(NULL AS VARCHAR) AS ${key}`),
  ];
  return `SELECT ${columns.join(', ')} WHERE false`;
}

/** Paths come from configuration, never from clients; quoted all the same. */
function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Whether a file with the extension sits `depth` directories below `dir` (stops at the first). */
async function hasFile(dir: string, extension: string, depth: number): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (depth === 1 ? entry.isFile() && entry.name.endsWith(`.${extension}`) : entry.isDirectory() && (await hasFile(join(dir, entry.name), extension, depth - 1))) {
      return true;
    }
  }
  return false;
}

function toResult(result: DuckDBResultReader): AnalyticsResult {
  const names = result.columnNames();
  const types = result.columnTypes().map((t) => columnType(t.toString()));
  const rows = result.getRows().map((row) => Object.fromEntries(row.map((value, i) => [names[i], toValue(value, types[i])])));
  return { columns: names.map((name, i) => ({ name, type: types[i] })), rows };
}

function columnType(duckType: string): AnalyticsColumnType {
  if (duckType.startsWith('DECIMAL')) return 'decimal';
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(duckType)) return 'integer';
  if (duckType === 'DOUBLE' || duckType === 'FLOAT') return 'double';
  if (duckType === 'BOOLEAN') return 'boolean';
  if (duckType === 'DATE') return 'date';
  if (duckType.startsWith('TIMESTAMP')) return 'timestamp';
  return 'string';
}

function toValue(value: unknown, type: AnalyticsColumnType): AnalyticsValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
    case 'double':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'timestamp':
      return new Date(Number((value as { micros: bigint }).micros / 1000n)).toISOString();
    default:
      // DECIMAL and DATE values print exactly (no float on the way).
      return String(value);
  }
}
