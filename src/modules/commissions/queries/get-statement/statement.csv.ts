import type { CommissionStatement } from '../../domain/commission-statement';

const HEADER = [
  'record', 'invoiceId', 'invoiceDate', 'lineId', 'sku', 'category', 'quantity', 'lineTotal', 'currency',
  'amount', 'ruleKind', 'ruleId', 'rate', 'amountPerUnit', 'agreementId',
];

/**
 * RFC 4180 CSV: one `line` record per commission line, then `total` records, one per rule
 * kind and a last one with an empty ruleKind for the grand total (its lineTotal is the
 * month's volume). The record column keeps the file loadable as a single table.
 */
export function statementCsv(s: CommissionStatement): string {
  const rows: (string | null | undefined)[][] = [HEADER];
  for (const l of s.lines) {
    rows.push(['line', l.invoiceId, l.invoiceDate, l.lineId, l.sku, l.category, l.quantity, l.lineTotal, l.currency,
      l.amount, l.ruleKind, l.ruleId, l.rate, l.amountPerUnit, l.agreementId]);
  }
  for (const [kind, amount] of Object.entries(s.totalsByRuleKind)) {
    rows.push(['total', '', '', '', '', '', '', '', s.currency, amount, kind]);
  }
  rows.push(['total', '', '', '', '', '', '', s.volume, s.currency, s.total, '']);
  return rows.map((row) => HEADER.map((_, i) => cell(row[i])).join(',')).join('\r\n') + '\r\n';
}

/**
 * Quotes when needed, and defuses text a spreadsheet would run as a formula (a SKU such as
 * "=HYPERLINK(…)" comes from supplier documents). Amounts never need it: they are digits.
 */
function cell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+@\t\r]/.test(text) || (/^-/.test(text) && !/^-\d+(\.\d+)?$/.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
