import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales (one row per completed order line or processed invoice line), the real-time
 * metric buckets with the per-sale marks that make them exactly once, and the daily
 * per-supplier summaries the batch job writes. See the README's Sales section. Sums are
 * numeric(38,4), as wide as a DynamoDB number, so no total overflows what one sale fits.
 */
export class CreateSales1700000011000 implements MigrationInterface {
  name = 'CreateSales1700000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sales (
        tenant_id text NOT NULL,
        sale_id text NOT NULL,
        source text NOT NULL CHECK (source IN ('order', 'invoice')),
        source_id text NOT NULL,
        line_number integer NOT NULL,
        supplier_id text NOT NULL,
        sku text,
        product_name text NOT NULL,
        category text,
        customer_id text,
        quantity numeric(19,4) NOT NULL,
        unit_price numeric(19,4) NOT NULL,
        amount numeric(19,4) NOT NULL,
        commission numeric(19,4) NOT NULL,
        currency char(3) NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, sale_id)
      )`);
    await q.query(`CREATE INDEX sales_by_day ON sales (tenant_id, occurred_at)`);
    await q.query(`
      CREATE TABLE sales_metric_marks (
        tenant_id text NOT NULL,
        sale_id text NOT NULL,
        supplier_id text NOT NULL,
        product_key text NOT NULL,
        currency char(3) NOT NULL,
        occurred_at timestamptz NOT NULL,
        revenue numeric(19,4) NOT NULL,
        units numeric(19,4) NOT NULL,
        commission numeric(19,4) NOT NULL,
        supplier_orders smallint NOT NULL,
        product_orders smallint NOT NULL,
        PRIMARY KEY (tenant_id, sale_id)
      )`);
    await q.query(`
      CREATE TABLE sales_metric_buckets (
        tenant_id text NOT NULL,
        supplier_id text NOT NULL,
        granularity text NOT NULL CHECK (granularity IN ('day', 'hour', 'minute')),
        bucket_start timestamptz NOT NULL,
        currency char(3) NOT NULL,
        product_key text NOT NULL,
        revenue numeric(38,4) NOT NULL,
        units numeric(38,4) NOT NULL,
        orders bigint NOT NULL,
        commission numeric(38,4) NOT NULL,
        PRIMARY KEY (tenant_id, supplier_id, granularity, bucket_start, currency, product_key)
      )`);
    await q.query(`
      CREATE TABLE sales_daily_summaries (
        tenant_id text NOT NULL,
        supplier_id text NOT NULL,
        report_date date NOT NULL,
        currency char(3) NOT NULL,
        revenue numeric(38,4) NOT NULL,
        units numeric(38,4) NOT NULL,
        orders integer NOT NULL,
        average_order_value numeric(38,4) NOT NULL,
        commission numeric(38,4) NOT NULL,
        sales integer NOT NULL,
        products integer NOT NULL,
        report_key text NOT NULL,
        built_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, report_date, supplier_id, currency)
      )`);
    await q.query(`CREATE INDEX sales_daily_summaries_by_supplier ON sales_daily_summaries (tenant_id, supplier_id, report_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sales_daily_summaries`);
    await q.query(`DROP TABLE sales_metric_buckets`);
    await q.query(`DROP TABLE sales_metric_marks`);
    await q.query(`DROP TABLE sales`);
  }
}
