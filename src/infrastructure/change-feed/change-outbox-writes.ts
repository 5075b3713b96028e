import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import type { ChangeEntity, ChangeEvent } from '../../common/change-feed/change-event';

/**
 * The part of a write statement that records its changes in the transactional outbox:
 * `INSERT … SELECT` from `source`, a CTE yielding `tenant_id, key, version, occurred_at,
 * data`. Used as one more CTE of the write itself, so the change commits (or rolls back)
 * with it in the same round trip.
 */
export function recordChangesFrom(source: string, entity: ChangeEntity, op: ChangeEvent['op']): string {
  return `INSERT INTO change_outbox (tenant_id, entity, key, version, op, occurred_at, data)
    SELECT tenant_id, '${entity}', key, version, '${op}', occurred_at, data FROM ${source}`;
}

/** Timestamps as JavaScript's toISOString writes them, for images built in SQL. */
export const isoTimeSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Keyed by data source, so several apps in one process (tests) each wake only their own relay.
const signals = new WeakMap<DataSource, EventEmitter>();
const signalOf = (db: DataSource) => {
  let signal = signals.get(db);
  if (!signal) signals.set(db, (signal = new EventEmitter().setMaxListeners(0)));
  return signal;
};

/** Call after a write with changes has committed: wakes this process's relay at once instead of at its next poll. */
export function changesCommitted(db: DataSource): void {
  signals.get(db)?.emit('committed');
}

/** Runs `listener` after every changesCommitted(db); returns the unsubscribe. */
export function onChangesCommitted(db: DataSource, listener: () => void): () => void {
  const signal = signalOf(db);
  signal.on('committed', listener);
  return () => signal.off('committed', listener);
}
