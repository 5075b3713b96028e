import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCommissions1700000006000 implements MigrationInterface {
  name = 'CreateCommissions1700000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commission_agreements (
        agreement_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        supplier_id text NOT NULL,
        currency char(3) NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX commission_agreements_supplier_idx ON commission_agreements (tenant_id, supplier_id, valid_from)`);
    await q.query(`CREATE INDEX commission_agreements_tenant_created_idx ON commission_agreements (tenant_id, created_at DESC, agreement_id DESC)`);
    // Tiers are read and written whole with their rule and never queried, hence jsonb (of decimal strings, never numbers).
    await q.query(`
      CREATE TABLE commission_rules (
        agreement_id uuid NOT NULL REFERENCES commission_agreements (agreement_id) ON DELETE CASCADE,
        position integer NOT NULL,
        rule_id uuid NOT NULL,
        kind text NOT NULL,
        sku text,
        category text,
        rate numeric(7,4),
        amount_per_unit numeric(19,4),
        tiers jsonb,
        PRIMARY KEY (agreement_id, position),
        UNIQUE (agreement_id, rule_id)
      )`);
    await q.query(`
      CREATE TABLE commission_lines (
        tenant_id text NOT NULL,
        invoice_id text NOT NULL,
        line_id text NOT NULL,
        position integer NOT NULL,
        supplier_id text NOT NULL,
        invoice_date date NOT NULL,
        period char(7) NOT NULL,
        sku text,
        category text,
        quantity numeric(19,4) NOT NULL,
        line_total numeric(19,4) NOT NULL,
        currency char(3) NOT NULL,
        amount numeric(19,4) NOT NULL,
        rule_kind text NOT NULL,
        rule_id uuid,
        rate numeric(7,4),
        amount_per_unit numeric(19,4),
        agreement_id uuid,
        calculated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, invoice_id, line_id)
      )`);
    await q.query(`CREATE INDEX commission_lines_supplier_period_idx ON commission_lines (tenant_id, supplier_id, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commission_lines`);
    await q.query(`DROP TABLE commission_rules`);
    await q.query(`DROP TABLE commission_agreements`);
  }
}
