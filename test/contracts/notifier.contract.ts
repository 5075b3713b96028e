import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Notification, Notifier } from '../../src/common/notifications/notifier.port';

/** What reached the channel (an email, an SNS message), as the channel saw it. */
export interface Delivery {
  to: string;
  subject: string;
  /** The raw message or SNS Message, for content checks. */
  body: string;
}

export interface NotifierHarness {
  notifier: Notifier;
  /** The database holding the notification ledger, to stage what a crash leaves behind. */
  db: DataSource;
  deliveries(): Promise<Delivery[]>;
  /** Makes the channel refuse the next delivery; only for channels that can refuse (not plain .eml files). */
  failNextDelivery?(): void;
  close(): Promise<void>;
}

export const notification = (overrides: Partial<Notification> = {}): Notification => ({
  idempotencyKey: randomUUID(),
  to: 'ana@example.com',
  subject: `Order ${randomUUID()} has shipped`,
  text: 'Your order is on its way.',
  html: '<p>Your order is on its way.</p>',
  attributes: { orderId: randomUUID() },
  ...overrides,
});

/** The behaviour every Notifier adapter must share. */
export function describeNotifierContract(name: string, open: () => Promise<NotifierHarness>, canRefuse: boolean): void {
  describe(`Notifier contract: ${name}`, () => {
    let harness: NotifierHarness;
    let notifier: Notifier;
    const deliveriesOf = async (n: Notification) => (await harness.deliveries()).filter((d) => d.subject === n.subject);

    beforeAll(async () => {
      harness = await open();
      notifier = harness.notifier;
    });
    afterAll(() => harness?.close());

    it('delivers a notification once and returns a new notification id', async () => {
      const n = notification();
      const receipt = await notifier.send(n);
      expect(receipt).toEqual({ notificationId: expect.stringMatching(/^[0-9a-f-]{36}$/), duplicate: false });
      const delivered = await deliveriesOf(n);
      expect(delivered).toHaveLength(1);
      expect(delivered[0].to).toBe('ana@example.com');
      expect(delivered[0].body).toContain('Your order is on its way.');
    });

    it('returns the first id for a repeated key and delivers nothing again', async () => {
      const n = notification();
      const first = await notifier.send(n);
      const again = await notifier.send({ ...n, text: 'changed text is ignored' });
      expect(again).toEqual({ notificationId: first.notificationId, duplicate: true });
      expect(await deliveriesOf(n)).toHaveLength(1);
    });

    it('delivers once when the same key races', async () => {
      const n = notification();
      const receipts = await Promise.all(Array.from({ length: 4 }, () => notifier.send(n)));
      expect(new Set(receipts.map((r) => r.notificationId)).size).toBe(1);
      expect(receipts.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await deliveriesOf(n)).toHaveLength(1);
    });

    it('delivers a notification whose claim a crash left pending, once its grace period is over', async () => {
      const n = notification();
      const stale = new Date(Date.now() - 60_000);
      await harness.db.query(
        `INSERT INTO notification_outbox (notification_id, idempotency_key, channel, recipient, subject, attributes, status, created_at, updated_at)
         VALUES ($1, $2, 'outbox', $3, $4, '{}', 'pending', $5, $5)`,
        [randomUUID(), n.idempotencyKey, n.to, n.subject, stale],
      );
      expect(await deliveriesOf(n)).toHaveLength(0);
      const receipt = await notifier.send(n);
      expect(receipt.duplicate).toBe(true);
      expect(await deliveriesOf(n)).toHaveLength(1);
      expect(await notifier.send(n)).toEqual(receipt);
      expect(await deliveriesOf(n)).toHaveLength(1);
    });

    it('treats another key as another notification', async () => {
      const n = notification();
      const a = await notifier.send(n);
      const b = await notifier.send({ ...n, idempotencyKey: randomUUID() });
      expect(b.notificationId).not.toBe(a.notificationId);
      expect(await deliveriesOf(n)).toHaveLength(2);
    });

    // Shown as skipped, not passed, for a channel that cannot refuse.
    (canRefuse ? it : it.skip)('fails a refused delivery as Notification.DeliveryFailed and delivers it on the next send of the key', async () => {
      const n = notification();
      harness.failNextDelivery!();
      await expect(notifier.send(n)).rejects.toMatchObject({ name: 'Notification.DeliveryFailed' });
      expect(await deliveriesOf(n)).toHaveLength(0);
      const retried = await notifier.send(n);
      expect(retried.duplicate).toBe(true);
      expect(await notifier.send(n)).toEqual(retried);
      expect(await deliveriesOf(n)).toHaveLength(1);
    });
  });
}
