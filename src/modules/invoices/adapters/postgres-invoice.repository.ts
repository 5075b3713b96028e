import { Injectable } from '@nestjs/common';
import { DataSource, QueryResult } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { runSql } from '../../../infrastructure/database/run-sql';
import { Invoice, InvoiceHeader, InvoiceProps } from '../domain/invoice';
import type { InvoiceLine } from '../domain/invoice-line';
import { InvoiceListQuery, InvoicePage, InvoiceRepository, InvoiceSummary, StaleInvoiceError } from '../domain/invoice-repository.port';
import { InvoiceStatus } from '../domain/invoice-status';
import type { Field } from '../domain/normalized-invoice';
import { canonicalMoney, canonicalQuantity } from '../domain/normalized-invoice.rules';

type Confidences = Record<string, number>;

interface InvoiceRow {
  invoice_id: string;
  tenant_id: string;
  supplier_id: string | null;
  status: InvoiceStatus;
  failure_reason: string | null;
  document_bucket: string;
  document_key: string;
  document_content_type: string;
  document_size: string;
  document_sha256: string;
  original_filename: string | null;
  extracted: boolean;
  supplier_name: string | null;
  supplier_tax_id: string | null;
  invoice_number: string | null;
  issue_date: string | null;
  due_date: string | null;
  currency: string | null;
  subtotal: string | null;
  tax: string | null;
  total: string | null;
  confidences: Confidences;
  review_reasons: string[];
  workflow_execution_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  line_count?: number;
}

interface LineRow {
  line_id: string;
  position: number;
  description: string;
  supplier_code: string | null;
  quantity: string | null;
  unit: string | null;
  unit_price: string | null;
  line_total: string | null;
  confidences: Confidences;
  match_sku: string | null;
  match_confidence: number | null;
  match_status: 'matched' | 'review' | null;
  commission_amount: string | null;
  commission_currency: string | null;
  commission_rule_id: string | null;
}

// Dates as text: node-postgres would read a `date` as local midnight.
const COLUMNS = `invoice_id, tenant_id, supplier_id, status, failure_reason, document_bucket, document_key, document_content_type,
  document_size, document_sha256, original_filename, extracted, supplier_name, supplier_tax_id, invoice_number,
  issue_date::text AS issue_date, due_date::text AS due_date, currency, subtotal, tax, total, confidences, review_reasons,
  workflow_execution_id, created_at, updated_at, version`;
const LINE_COLUMNS = `line_id, position, description, supplier_code, quantity, unit, unit_price, line_total, confidences,
  match_sku, match_confidence, match_status, commission_amount, commission_currency, commission_rule_id`;
const HEADER_FIELDS = ['supplierName', 'supplierTaxId', 'invoiceNumber', 'issueDate', 'dueDate', 'currency', 'subtotal', 'tax', 'total'] as const;
const LINE_FIELDS = ['description', 'supplierCode', 'quantity', 'unit', 'unitPrice', 'lineTotal'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Position = [createdAt: string, invoiceId: string];
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string' && UUID.test(v[1]);

@Injectable()
export class PostgresInvoiceRepository implements InvoiceRepository {
  constructor(private readonly db: DataSource) {}

  async create(invoice: Invoice): Promise<{ invoice: Invoice; created: boolean }> {
    const p = invoice.props;
    const { rowCount } = await runSql(
      this.db,
      `INSERT INTO invoices (invoice_id, tenant_id, supplier_id, status, document_bucket, document_key, document_content_type,
         document_size, document_sha256, original_filename, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, document_sha256) DO NOTHING`,
      [
        p.invoiceId, p.tenantId, p.supplierId, p.status, p.document.bucket, p.document.key, p.document.contentType,
        p.document.size, p.document.sha256, p.document.originalFilename, p.createdAt, p.updatedAt, p.version,
      ],
    );
    if (rowCount === 1) return { invoice, created: true };
    const existing = await this.findBySha256(p.tenantId, p.document.sha256);
    if (!existing) throw new Error(`Invoice for document ${p.document.sha256} conflicted but cannot be read`);
    return { invoice: existing, created: false };
  }

  async findById(tenantId: string, invoiceId: string): Promise<Invoice | null> {
    if (!UUID.test(invoiceId)) return null;
    return this.findOne(`invoice_id = $1 AND tenant_id = $2`, [invoiceId, tenantId]);
  }

  findBySha256(tenantId: string, sha256: string): Promise<Invoice | null> {
    return this.findOne(`document_sha256 = $1 AND tenant_id = $2`, [sha256, tenantId]);
  }

  private async findOne(where: string, params: unknown[]): Promise<Invoice | null> {
    const { rows } = await runSql<InvoiceRow>(this.db, `SELECT ${COLUMNS} FROM invoices WHERE ${where}`, params);
    if (rows.length === 0) return null;
    const lines = await runSql<LineRow>(
      this.db,
      `SELECT ${LINE_COLUMNS} FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [rows[0].invoice_id],
    );
    return Invoice.restore({ ...toSummary(rows[0]), lines: lines.rows.map(toLine) });
  }

  async list(tenantId: string, query: InvoiceListQuery): Promise<InvoicePage> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (query.status) add('status = ?', query.status);
    if (query.supplierId) add('supplier_id = ?', query.supplierId);
    if (query.cursor) {
      const [createdAt, invoiceId] = decodeCursor(query.cursor, isPosition);
      params.push(createdAt, invoiceId);
      where.push(`(created_at, invoice_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const { rows } = await runSql<InvoiceRow>(
      this.db,
      `SELECT ${COLUMNS}, (SELECT count(*)::int FROM invoice_lines l WHERE l.invoice_id = invoices.invoice_id) AS line_count
       FROM invoices WHERE ${where.join(' AND ')} ORDER BY created_at DESC, invoice_id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit).map((r): InvoiceSummary => ({ ...toSummary(r), lineCount: r.line_count ?? 0 }));
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor([last.createdAt, last.invoiceId]) : null;
    return { items: page, nextCursor };
  }

  async save(invoice: Invoice): Promise<void> {
    const p = invoice.props;
    const h = p.header;
    await this.db.transaction(async (tx) => {
      // Structured, because a plain UPDATE result is [rows, count] in TypeORM's postgres driver.
      const updated: QueryResult = await tx.queryRunner!.query(
        `UPDATE invoices SET supplier_id = $3, status = $4, failure_reason = $5, extracted = $6, supplier_name = $7,
           supplier_tax_id = $8, invoice_number = $9, issue_date = $10, due_date = $11, currency = $12, subtotal = $13,
           tax = $14, total = $15, confidences = $16, review_reasons = $17, workflow_execution_id = $18, updated_at = $19,
           version = $20
         WHERE invoice_id = $1 AND tenant_id = $2 AND version = $21 RETURNING invoice_id`,
        [
          p.invoiceId, p.tenantId, p.supplierId, p.status, p.failureReason, h !== null,
          ...HEADER_FIELDS.map((f) => h?.[f]?.value ?? null),
          JSON.stringify(h ? confidencesOf(h, HEADER_FIELDS) : {}), JSON.stringify(h?.reviewReasons ?? []),
          p.workflowExecutionId, p.updatedAt, p.version, p.version - 1,
        ],
        true,
      );
      if (updated.records.length !== 1) throw new StaleInvoiceError(p.invoiceId);
      await tx.query(`DELETE FROM invoice_lines WHERE invoice_id = $1 AND position >= $2`, [p.invoiceId, p.lines.length]);
      for (const l of p.lines) {
        await tx.query(
          `INSERT INTO invoice_lines (line_id, invoice_id, tenant_id, position, description, supplier_code, quantity, unit,
             unit_price, line_total, confidences, match_sku, match_confidence, match_status, commission_amount,
             commission_currency, commission_rule_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
           ON CONFLICT (line_id) DO UPDATE SET description = $5, supplier_code = $6, quantity = $7, unit = $8,
             unit_price = $9, line_total = $10, confidences = $11, match_sku = $12, match_confidence = $13,
             match_status = $14, commission_amount = $15, commission_currency = $16, commission_rule_id = $17`,
          [
            l.lineId, p.invoiceId, p.tenantId, l.position, ...LINE_FIELDS.map((f) => l[f]?.value ?? null),
            JSON.stringify(confidencesOf(l, LINE_FIELDS)), l.match?.sku ?? null, l.match?.confidence ?? null,
            l.match?.status ?? null, l.commission?.amount ?? null, l.commission?.currency ?? null, l.commission?.ruleId ?? null,
          ],
        );
      }
    });
  }
}

function confidencesOf<K extends string>(source: { [P in K]?: Field<unknown> | null }, fields: readonly K[]): Confidences {
  return Object.fromEntries(fields.filter((f) => source[f]).map((f) => [f, source[f]!.confidence]));
}

const field = <T>(value: T | null, confidence: number | undefined): Field<T> | null =>
  value === null ? null : { value, confidence: confidence ?? 0 };
const money = (v: string | null) => (v === null ? null : canonicalMoney(v));

function toSummary(r: InvoiceRow): Omit<InvoiceProps, 'lines'> {
  const c = r.confidences;
  const header: InvoiceHeader | null = r.extracted
    ? {
        supplierName: field(r.supplier_name, c.supplierName),
        supplierTaxId: field(r.supplier_tax_id, c.supplierTaxId),
        invoiceNumber: field(r.invoice_number, c.invoiceNumber),
        issueDate: field(r.issue_date, c.issueDate),
        dueDate: field(r.due_date, c.dueDate),
        currency: field(r.currency, c.currency),
        subtotal: field(money(r.subtotal), c.subtotal),
        tax: field(money(r.tax), c.tax),
        total: field(money(r.total), c.total),
        reviewReasons: r.review_reasons,
      }
    : null;
  return {
    invoiceId: r.invoice_id,
    tenantId: r.tenant_id,
    supplierId: r.supplier_id,
    status: r.status,
    failureReason: r.failure_reason,
    document: {
      bucket: r.document_bucket,
      key: r.document_key,
      contentType: r.document_content_type,
      size: Number(r.document_size),
      sha256: r.document_sha256,
      originalFilename: r.original_filename,
    },
    header,
    workflowExecutionId: r.workflow_execution_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

function toLine(r: LineRow): InvoiceLine {
  const c = r.confidences;
  return {
    description: { value: r.description, confidence: c.description ?? 0 },
    supplierCode: field(r.supplier_code, c.supplierCode),
    quantity: field(r.quantity === null ? null : canonicalQuantity(r.quantity), c.quantity),
    unit: field(r.unit, c.unit),
    unitPrice: field(money(r.unit_price), c.unitPrice),
    lineTotal: field(money(r.line_total), c.lineTotal),
    lineId: r.line_id,
    position: r.position,
    match: r.match_status ? { sku: r.match_sku, confidence: r.match_confidence ?? 0, status: r.match_status } : null,
    commission:
      r.commission_amount !== null
        ? { amount: canonicalMoney(r.commission_amount), currency: r.commission_currency!, ruleId: r.commission_rule_id! }
        : null,
  };
}
