import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order fulfilment: the order's payment method and shipment/failure details, and the
 * ledgers of the embedded payment provider, carrier and notification outbox. Each ledger
 * is keyed by the caller's idempotency key, which is what makes a re-run step harmless.
 */
export class OrderFulfilment1700000003000 implements MigrationInterface {
  name = 'OrderFulfilment1700000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders
        ADD COLUMN payment_method text NOT NULL DEFAULT 'pm_card_visa',
        ADD COLUMN carrier text,
        ADD COLUMN estimated_delivery_date date,
        ADD COLUMN failure_reason text`);
    await q.query(`
      CREATE TABLE payments (
        idempotency_key text PRIMARY KEY,
        tenant_id text NOT NULL,
        order_id text NOT NULL,
        amount numeric(19,4) NOT NULL,
        currency char(3) NOT NULL,
        payment_method text NOT NULL,
        status text NOT NULL CHECK (status IN ('processing', 'succeeded', 'declined')),
        attempts integer NOT NULL,
        transaction_id text UNIQUE,
        decline_code text,
        charged_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX payments_order_idx ON payments (tenant_id, order_id)`);
    await q.query(`
      CREATE TABLE shipments (
        idempotency_key text PRIMARY KEY,
        shipment_id text NOT NULL UNIQUE,
        tenant_id text NOT NULL,
        order_id text NOT NULL,
        carrier text NOT NULL,
        tracking_number text NOT NULL UNIQUE,
        estimated_delivery_date date NOT NULL,
        address jsonb NOT NULL,
        items jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX shipments_order_idx ON shipments (tenant_id, order_id)`);
    await q.query(`
      CREATE TABLE notification_outbox (
        notification_id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        attributes jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'written', 'sent', 'failed')),
        error text,
        location text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_outbox`);
    await q.query(`DROP TABLE shipments`);
    await q.query(`DROP TABLE payments`);
    await q.query(`
      ALTER TABLE orders
        DROP COLUMN failure_reason,
        DROP COLUMN estimated_delivery_date,
        DROP COLUMN carrier,
        DROP COLUMN payment_method`);
  }
}
