import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1700000000000 implements MigrationInterface {
  name = 'CreateOrders1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        order_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        customer_id text NOT NULL,
        customer_name text NOT NULL,
        customer_email text NOT NULL,
        items jsonb NOT NULL,
        total_amount numeric(19,4) NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        shipping_address jsonb NOT NULL,
        payment_date timestamptz,
        transaction_id text,
        shipment_date timestamptz,
        tracking_number text,
        delivery_date timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX orders_tenant_created_idx ON orders (tenant_id, created_at DESC, order_id DESC)`);
    await q.query(
      `CREATE INDEX orders_tenant_customer_created_idx ON orders (tenant_id, customer_id, created_at DESC, order_id DESC)`,
    );
    await q.query(`
      CREATE TABLE order_idempotency_keys (
        tenant_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        order_id uuid NOT NULL REFERENCES orders (order_id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_idempotency_keys`);
    await q.query(`DROP TABLE orders`);
  }
}
