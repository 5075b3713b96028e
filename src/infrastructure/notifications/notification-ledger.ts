import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runSql } from '../database/run-sql';
import type { Notification } from '../../common/notifications/notifier.port';

export interface LedgerClaim {
  notificationId: string;
  duplicate: boolean;
  /** Whether this caller must deliver: a new key, or one whose last delivery failed. */
  deliver: boolean;
}

/**
 * The `notification_outbox` table: one row per idempotency key, whatever the channel,
 * recording where each notification went (pending → written | sent | failed).
 * A row left `pending` by a crash is not re-sent, so delivery is at most once then.
 */
export class NotificationLedger {
  constructor(
    private readonly db: DataSource,
    private readonly channel: 'outbox' | 'sns',
    private readonly now: () => Date = () => new Date(),
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
    // Only one concurrent caller can move a failed row back to pending, so only one re-delivers.
    const { rows: retried } = await runSql<{ notification_id: string }>(
      this.db,
      `UPDATE notification_outbox SET status = 'pending', error = NULL, updated_at = $2
       WHERE idempotency_key = $1 AND status = 'failed' RETURNING notification_id`,
      [n.idempotencyKey, at],
    );
    if (retried[0]) return { notificationId: retried[0].notification_id, duplicate: true, deliver: true };
    const { rows } = await runSql<{ notification_id: string }>(
      this.db,
      `SELECT notification_id FROM notification_outbox WHERE idempotency_key = $1`,
      [n.idempotencyKey],
    );
    return { notificationId: rows[0].notification_id, duplicate: true, deliver: false };
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
