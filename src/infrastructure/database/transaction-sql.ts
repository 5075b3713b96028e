import type { EntityManager } from 'typeorm';

/** Serialises writes for one key until the transaction ends. */
export async function lockFor(tx: EntityManager, key: string): Promise<void> {
  await tx.queryRunner!.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
