import type { LakeSchema } from '../../../common/lake/lake-schema';
import { utcDayOf } from '../../../common/lake/partition-path';
import type { InvoiceProps } from './invoice';

export const INVOICE_LINES_DATASET = 'invoice_lines';

/** One row per invoice line, the schema documented in docs/lake/invoice-lines.md. */
export interface InvoiceLakeRow {
  tenant_id: string;
  invoice_id: string;
  supplier_id: string | null;
  invoice_number: string | null;
  issue_date: string | null;
  currency: string | null;
  line_id: string;
  position: number;
  description: string;
  supplier_code: string | null;
  quantity: string | null;
  unit: string | null;
  unit_price: string | null;
  line_total: string | null;
  sku: string | null;
  match_confidence: number | null;
  match_status: string | null;
  commission_amount: string | null;
  commission_rule_id: string | null;
  processed_at: string;
}

/**
 * NDJSON keeps decimals and timestamps as text (docs/lake/invoice-lines.md), so readers cast
 * them; `issue_date` is a calendar day (YYYY-MM-DD) as text.
 */
export const INVOICE_LINE_COLUMNS: LakeSchema<InvoiceLakeRow> = [
  { name: 'tenant_id', type: 'string' },
  { name: 'invoice_id', type: 'string' },
  { name: 'supplier_id', type: 'string', nullable: true },
  { name: 'invoice_number', type: 'string', nullable: true },
  { name: 'issue_date', type: 'string', nullable: true },
  { name: 'currency', type: 'string', nullable: true },
  { name: 'line_id', type: 'string' },
  { name: 'position', type: 'int32' },
  { name: 'description', type: 'string' },
  { name: 'supplier_code', type: 'string', nullable: true },
  { name: 'quantity', type: 'decimal', nullable: true },
  { name: 'unit', type: 'string', nullable: true },
  { name: 'unit_price', type: 'decimal', nullable: true },
  { name: 'line_total', type: 'decimal', nullable: true },
  { name: 'sku', type: 'string', nullable: true },
  { name: 'match_confidence', type: 'double', nullable: true },
  { name: 'match_status', type: 'string', nullable: true },
  { name: 'commission_amount', type: 'decimal', nullable: true },
  { name: 'commission_rule_id', type: 'string', nullable: true },
  { name: 'processed_at', type: 'timestamp' },
];

/** The day an invoice belongs to in the lake: its issue date, or the day it arrived. */
export function partitionDateOf(invoice: InvoiceProps): string {
  return invoice.header?.issueDate?.value ?? utcDayOf(invoice.createdAt);
}

export function invoiceLakeRows(invoice: InvoiceProps, processedAt: string): InvoiceLakeRow[] {
  const h = invoice.header;
  return invoice.lines.map((line) => ({
    tenant_id: invoice.tenantId,
    invoice_id: invoice.invoiceId,
    supplier_id: invoice.supplierId,
    invoice_number: h?.invoiceNumber?.value ?? null,
    issue_date: h?.issueDate?.value ?? null,
    currency: h?.currency?.value ?? null,
    line_id: line.lineId,
    position: line.position,
    description: line.description.value,
    supplier_code: line.supplierCode?.value ?? null,
    quantity: line.quantity?.value ?? null,
    unit: line.unit?.value ?? null,
    unit_price: line.unitPrice?.value ?? null,
    line_total: line.lineTotal?.value ?? null,
    sku: line.match?.sku ?? null,
    match_confidence: line.match?.confidence ?? null,
    match_status: line.match?.status ?? null,
    commission_amount: line.commission?.amount ?? null,
    commission_rule_id: line.commission?.ruleId ?? null,
    processed_at: processedAt,
  }));
}
