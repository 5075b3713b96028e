import { DataSource } from 'typeorm';
import { ChangeEvent, changeIdOf } from '../../common/change-feed/change-event';
import { runSql } from '../database/run-sql';

/** A change waiting in the outbox; `id` is its position in commit order of its key. */
export interface OutboxChange {
  id: string;
  change: ChangeEvent;
}

interface OutboxRow {
  id: string;
  tenant_id: string;
  entity: ChangeEvent['entity'];
  key: string;
  version: string;
  op: ChangeEvent['op'];
  occurred_at: Date;
  data: Record<string, unknown>;
}

/**
 * The relay's side of the transactional outbox (`change_outbox`), which product and order
 * writes fill (change-outbox-writes.ts). Writes of one key take its row lock, so their outbox
 * ids follow their commit order.
 */
export class ChangeOutbox {
  constructor(private readonly db: DataSource) {}

  /** The cheap check an idle poll makes. */
  async isEmpty(): Promise<boolean> {
    const { rows } = await runSql(this.db, `SELECT 1 FROM change_outbox LIMIT 1`);
    return rows.length === 0;
  }

  async oldest(limit: number): Promise<OutboxChange[]> {
    const { rows } = await runSql<OutboxRow>(
      this.db,
      `SELECT id, tenant_id, entity, key, version, op, occurred_at, data FROM change_outbox ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => {
      const fields = { tenantId: r.tenant_id, entity: r.entity, key: r.key, version: Number(r.version) };
      const change = { changeId: changeIdOf(fields), ...fields, op: r.op, occurredAt: r.occurred_at.toISOString(), data: r.data };
      return { id: String(r.id), change };
    });
  }

  /** Forgets changes every subscriber queue has received. */
  async remove(ids: readonly string[]): Promise<void> {
    await runSql(this.db, `DELETE FROM change_outbox WHERE id = ANY($1::bigint[])`, [ids]);
  }
}
