import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { runSql } from '../database/run-sql';
import type { Notification } from '../../common/notifications/notifier.port';

export interface LedgerClaim {
  notificationId: string;
  duplicate: boolean;
  /** Whether this caller must deliver: a new key, a failed delivery, or one a crash left unfinished. */
  deliver: boolean;
}

/** How long a `pending` row belongs to the caller delivering it before another caller may take it over. */
const DELIVERY_GRACE_MS = 2_000;
const RECHECK_MS = 50;

/**
 * The `notification_outbox` table: one row per idempotency key, whatever the channel,
 * recording where each notification went (pending → written | sent | failed).
 * Delivery is at least once: a row still `pending` after the grace period was left by a
 * crash between the claim and the delivery, and the next send of the key delivers it,
 * under the same notification id (the .eml file name, the SMTP Message-ID).
 */
export class NotificationLedger {
  constructor(
    private readonly db: DataSource,
    private readonly channel: 'outbox' | 'sns',
    private readonly now: () => Date = () => new Date(),
    private readonly graceMs = DELIVERY_GRACE_MS,
  ) {}

  async claim(n: Notification): Promise<LedgerClaim> {
    const at = this.now();
    const { rows: inserted } = await runSql<{ notification_id: string }>(
      this.db,
      `INSERT INTO notification_outbox (notification_id, idempotency_key, channel, recipient, subject, attributes, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING notification_id`,
      [randomUUID(), n.idempotencyKey, this.channel, n.to, n.subject, JSON.stringify(n.attributes ?? {}), at],
    );
    if (inserted[0]) return { notificationId: inserted[0].notification_id, duplicate: false, deliver: true };
    for (;;) {
      const now = this.now();
      // The UPDATE is the claim: of several callers, only one takes a failed or abandoned row.
      const { rows: taken } = await runSql<{ notification_id: string }>(
        this.db,
        `UPDATE notification_outbox SET status = 'pending', error = NULL, updated_at = $2
         WHERE idempotency_key = $1 AND (status = 'failed' OR (status = 'pending' AND updated_at < $3))
         RETURNING notification_id`,
        [n.idempotencyKey, now, new Date(now.getTime() - this.graceMs)],
      );
      if (taken[0]) return { notificationId: taken[0].notification_id, duplicate: true, deliver: true };
      const { rows } = await runSql<{ notification_id: string; status: string }>(
        this.db,
        `SELECT notification_id, status FROM notification_outbox WHERE idempotency_key = $1`,
        [n.idempotencyKey],
      );
      // Someone else is delivering it right now: wait for them, or for their grace period to run out.
      if (rows[0].status !== 'pending') return { notificationId: rows[0].notification_id, duplicate: true, deliver: false };
      await sleep(RECHECK_MS);
    }
  }

  /** `location` is where it landed: the .eml path, the SNS message id. */
  async settle(notificationId: string, status: 'written' | 'sent', location: string): Promise<void> {
    await runSql(
      this.db,
      `UPDATE notification_outbox SET status = $2, location = $3, error = NULL, updated_at = $4 WHERE notification_id = $1`,
      [notificationId, status, location, this.now()],
    );
  }

  async fail(notificationId: string, error: string, location?: string): Promise<void> {
    await runSql(
      this.db,
      `UPDATE notification_outbox SET status = 'failed', error = $2, location = $3, updated_at = $4 WHERE notification_id = $1`,
      [notificationId, error, location ?? null, this.now()],
    );
  }
}
