import type { EntityManager } from 'typeorm';
import type { SqlResult } from '../../../infrastructure/database/run-sql';

/**
 * runSql's result shape for a statement inside a TypeORM transaction. Inside one, every
 * statement must go through the transaction's runner: PGlite has a single connection,
 * which the open transaction holds.
 */
export async function txSql<T = Record<string, unknown>>(tx: EntityManager, text: string, params: unknown[] = []): Promise<SqlResult<T>> {
  const result = await tx.queryRunner!.query(text, params, true);
  return { rows: result.records as T[], rowCount: result.affected ?? result.records.length };
}

/** Serialises writes for one key until the transaction ends. */
export async function lockFor(tx: EntityManager, key: string): Promise<void> {
  await tx.queryRunner!.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
