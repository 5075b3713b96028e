import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * Runs one statement on the driver's connection pool. DataSource.query builds and
 * releases a QueryRunner per call, about 0.5 ms each (measured), several times the cost
 * of a small statement on PGlite; the hot paths (queue, workflow, orders) skip it.
 * Results have one shape for every statement kind, unlike DataSource.query.
 */
export async function runSql<T = Record<string, unknown>>(db: DataSource, text: string, params: unknown[] = []): Promise<SqlResult<T>> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const result = await pool.query(text, params);
  return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
}

/**
 * runSql's result shape for a statement inside a TypeORM transaction. Inside one, every
 * statement must go through the transaction's runner: PGlite has a single connection,
 * which the open transaction holds.
 */
export async function txSql<T = Record<string, unknown>>(tx: EntityManager, text: string, params: unknown[] = []): Promise<SqlResult<T>> {
  const result = await tx.queryRunner!.query(text, params, true);
  return { rows: result.records as T[], rowCount: result.affected ?? result.records.length };
}
