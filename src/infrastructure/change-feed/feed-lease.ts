import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runSql } from '../database/run-sql';

/** The names of the change feed's single-holder jobs. */
export const CHANGE_RELAY_LEASE = 'change-relay';
export const ORDERS_STREAM_LEASE = 'orders-stream';

/**
 * Lets one process at a time run a job of the change feed that must keep its order: the relay
 * moving the outbox, the poller reading the orders stream. A lease row rather than an advisory lock: a session lock needs a connection held for the
 * holder's lifetime, and PGlite has one connection for everything. A holder renews before
 * each batch; one that stalls past the TTL loses the lease, and at worst sends a batch the
 * new holder already sent (duplicates, which consumers tolerate by version).
 */
export class FeedLease {
  private readonly holder = randomUUID();

  constructor(
    private readonly db: DataSource,
    private readonly name: string,
    private readonly ttlSeconds = 30,
  ) {}

  /** Takes or renews the lease; false while another live holder has it. */
  async acquire(): Promise<boolean> {
    const { rows } = await runSql(
      this.db,
      `INSERT INTO change_relay_lease (name, holder, expires_at) VALUES ($1, $2, now() + $3::float8 * interval '1 second')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE change_relay_lease.holder = EXCLUDED.holder OR change_relay_lease.expires_at < now()
       RETURNING holder`,
      [this.name, this.holder, this.ttlSeconds],
    );
    return rows.length > 0;
  }

  /** Lets another process take over at once instead of after the TTL. */
  async release(): Promise<void> {
    await runSql(this.db, `DELETE FROM change_relay_lease WHERE name = $1 AND holder = $2`, [this.name, this.holder]);
  }
}
