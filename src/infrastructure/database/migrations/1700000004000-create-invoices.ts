import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices and their lines. The normalized header and lines are columns, money as
 * numeric(19,4), so commissions and reports can sum them in SQL; each field's reader
 * confidence sits beside them in a `confidences` jsonb map. A line's match result and
 * commission live on its row. One invoice per tenant and document hash: the unique
 * constraint is what makes concurrent identical uploads converge on one invoice.
 */
export class CreateInvoices1700000004000 implements MigrationInterface {
  name = 'CreateInvoices1700000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoices (
        invoice_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        supplier_id text,
        status text NOT NULL CHECK (status IN ('RECEIVED', 'PROCESSING', 'NEEDS_REVIEW', 'COMPLETED', 'FAILED')),
        failure_reason text,
        document_bucket text NOT NULL,
        document_key text NOT NULL,
        document_content_type text NOT NULL,
        document_size bigint NOT NULL,
        document_sha256 char(64) NOT NULL,
        original_filename text,
        extracted boolean NOT NULL DEFAULT false,
        supplier_name text,
        supplier_tax_id text,
        invoice_number text,
        issue_date date,
        due_date date,
        currency char(3),
        subtotal numeric(19,4),
        tax numeric(19,4),
        total numeric(19,4),
        confidences jsonb NOT NULL DEFAULT '{}',
        review_reasons jsonb NOT NULL DEFAULT '[]',
        workflow_execution_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        CONSTRAINT invoices_tenant_document_key UNIQUE (tenant_id, document_sha256)
      )`);
    await q.query(`CREATE INDEX invoices_tenant_created_idx ON invoices (tenant_id, created_at DESC, invoice_id DESC)`);
    await q.query(`CREATE INDEX invoices_tenant_status_created_idx ON invoices (tenant_id, status, created_at DESC, invoice_id DESC)`);
    await q.query(
      `CREATE INDEX invoices_tenant_supplier_created_idx ON invoices (tenant_id, supplier_id, created_at DESC, invoice_id DESC)`,
    );
    await q.query(`
      CREATE TABLE invoice_lines (
        line_id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL REFERENCES invoices (invoice_id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        position integer NOT NULL,
        description text NOT NULL,
        supplier_code text,
        quantity numeric,
        unit text,
        unit_price numeric(19,4),
        line_total numeric(19,4),
        confidences jsonb NOT NULL,
        match_sku text,
        match_confidence double precision,
        match_status text CHECK (match_status IN ('matched', 'review')),
        commission_amount numeric(19,4),
        commission_currency char(3),
        commission_rule_id text,
        UNIQUE (invoice_id, position)
      )`);
    await q.query(`CREATE INDEX invoice_lines_review_idx ON invoice_lines (tenant_id) WHERE match_status = 'review'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoice_lines`);
    await q.query(`DROP TABLE invoices`);
  }
}
