import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { lockFor } from '../../../infrastructure/database/transaction-sql';
import { txSql } from '../../../infrastructure/database/run-sql';
import { LakeKey, LakeWatermarks } from '../domain/lake-watermarks.port';

/**
 * The key's lock is held across the object writes: the ordered queue already gives one
 * batch per key at a time, but a consumer that outlives its visibility timeout can still
 * be writing an older version while a newer one lands; under the lock it sees the newer
 * watermark and writes nothing.
 */
@Injectable()
export class PostgresLakeWatermarks implements LakeWatermarks {
  constructor(private readonly db: DataSource) {}

  async writeIfNewer(key: LakeKey, version: number, write: () => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await lockFor(tx, `lake:${key.tenantId}:${key.dataset}:${key.key}`);
      const { rows } = await txSql<{ version: string }>(
        tx,
        `SELECT version FROM lake_watermarks WHERE tenant_id = $1 AND dataset = $2 AND key = $3`,
        [key.tenantId, key.dataset, key.key],
      );
      if (rows[0] && Number(rows[0].version) >= version) return false;
      await write();
      await txSql(
        tx,
        `INSERT INTO lake_watermarks (tenant_id, dataset, key, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, dataset, key) DO UPDATE SET version = EXCLUDED.version, updated_at = now()
         WHERE lake_watermarks.version < EXCLUDED.version`,
        [key.tenantId, key.dataset, key.key, version],
      );
      return true;
    });
  }
}
