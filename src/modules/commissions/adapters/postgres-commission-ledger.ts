import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql, txSql } from '../../../infrastructure/database/run-sql';
import type { AppliedRuleKind } from '../domain/commission-rule';
import { CommissionLedger, InvoiceKey, LedgerLine } from '../domain/commission-ledger.port';
import { moneyText, plainDecimal } from '../domain/exact-decimal';
import { lockFor } from '../../../infrastructure/database/transaction-sql';

interface LineRow {
  invoice_id: string;
  invoice_date: string;
  line_id: string;
  sku: string | null;
  category: string | null;
  quantity: string;
  line_total: string;
  currency: string;
  amount: string;
  rule_kind: AppliedRuleKind;
  rule_id: string | null;
  rate: string | null;
  amount_per_unit: string | null;
  agreement_id: string | null;
}

const INSERT_LINES = `
  INSERT INTO commission_lines (tenant_id, invoice_id, supplier_id, invoice_date, period, currency, line_id, position, sku, category,
    quantity, line_total, amount, rule_kind, rule_id, rate, amount_per_unit, agreement_id)
  SELECT $1, $2, $3, $4::date, $5, $6, l.line_id, l.position, l.sku, l.category, l.quantity, l.line_total, l.amount, l.rule_kind,
    l.rule_id, l.rate, l.amount_per_unit, l.agreement_id
  FROM jsonb_to_recordset($7::jsonb) AS l(line_id text, position integer, sku text, category text, quantity numeric,
    line_total numeric, amount numeric, rule_kind text, rule_id uuid, rate numeric, amount_per_unit numeric, agreement_id uuid)`;

@Injectable()
export class PostgresCommissionLedger implements CommissionLedger {
  constructor(private readonly db: DataSource) {}

  async replaceInvoice(invoice: InvoiceKey, calculate: (otherInvoicesVolume: string) => LedgerLine[]): Promise<void> {
    const { tenantId, supplierId, invoiceId, invoiceDate, currency } = invoice;
    const period = invoiceDate.slice(0, 7);
    await this.db.transaction(async (tx) => {
      // Two invoices of one supplier calculated at once must each see the other's volume, or neither.
      await lockFor(tx, `commission-lines:${tenantId}:${supplierId}`);
      const { rows } = await txSql<{ volume: string }>(
        tx,
        `SELECT COALESCE(SUM(line_total), 0)::text AS volume FROM commission_lines
         WHERE tenant_id = $1 AND supplier_id = $2 AND period = $3 AND currency = $4 AND invoice_id <> $5`,
        [tenantId, supplierId, period, currency, invoiceId],
      );
      const lines = calculate(rows[0].volume);
      await txSql(tx, 'DELETE FROM commission_lines WHERE tenant_id = $1 AND invoice_id = $2', [tenantId, invoiceId]);
      const records = lines.map((l, position) => ({
        line_id: l.lineId,
        position,
        sku: l.sku,
        category: l.category,
        quantity: l.quantity,
        line_total: l.lineTotal,
        amount: l.amount,
        rule_kind: l.ruleKind,
        rule_id: l.ruleId,
        rate: l.rate ?? null,
        amount_per_unit: l.amountPerUnit ?? null,
        agreement_id: l.agreementId,
      }));
      await txSql(tx, INSERT_LINES, [tenantId, invoiceId, supplierId, invoiceDate, period, currency, JSON.stringify(records)]);
    });
  }

  async linesOf(tenantId: string, supplierId: string, period: string): Promise<LedgerLine[]> {
    const { rows } = await runSql<LineRow>(
      this.db,
      `SELECT invoice_id, to_char(invoice_date, 'YYYY-MM-DD') AS invoice_date, line_id, sku, category, quantity::text AS quantity,
         line_total::text AS line_total, currency, amount::text AS amount, rule_kind, rule_id, rate::text AS rate,
         amount_per_unit::text AS amount_per_unit, agreement_id
       FROM commission_lines WHERE tenant_id = $1 AND supplier_id = $2 AND period = $3
       ORDER BY invoice_date, invoice_id, position`,
      [tenantId, supplierId, period],
    );
    return rows.map(toLine);
  }
}

function toLine(r: LineRow): LedgerLine {
  const line: LedgerLine = {
    invoiceId: r.invoice_id,
    invoiceDate: r.invoice_date,
    lineId: r.line_id,
    sku: r.sku,
    category: r.category,
    quantity: plainDecimal(r.quantity),
    lineTotal: moneyText(r.line_total),
    currency: r.currency,
    amount: moneyText(r.amount),
    ruleKind: r.rule_kind,
    ruleId: r.rule_id,
    agreementId: r.agreement_id,
  };
  if (r.rate !== null) line.rate = plainDecimal(r.rate);
  if (r.amount_per_unit !== null) line.amountPerUnit = moneyText(r.amount_per_unit);
  return line;
}
