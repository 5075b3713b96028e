import type { InvoiceProps } from './invoice';

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

/** The day an invoice belongs to in the lake: its issue date, or the day it arrived. */
export function partitionDateOf(invoice: InvoiceProps): string {
  return invoice.header?.issueDate?.value ?? invoice.createdAt.slice(0, 10);
}

/** Hive-style partitions, so Athena/Glue and DuckDB read them as columns. */
export function partitionPath(tenantId: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `tenant=${tenantId}/year=${year}/month=${month}/day=${day}`;
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
