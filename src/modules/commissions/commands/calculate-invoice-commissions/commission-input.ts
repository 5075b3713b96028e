import { InvoiceLine } from '../../domain/commission-calculator';
import { InvalidCommissionInputError } from '../../domain/commission-errors';
import type { CalculateInvoiceCommissionsCommand } from './calculate-invoice-commissions.command';

/** Signed (credit lines are negative), at most 4 decimals: what numeric(19,4) holds exactly. */
const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * The command comes from other modules and workflow input, not through the HTTP pipes,
 * so it is checked here: a malformed invoice must fail loudly, not store a wrong commission.
 */
export function parseCommissionInput(
  command: Pick<CalculateInvoiceCommissionsCommand, 'tenantId' | 'supplierId' | 'invoiceId' | 'invoiceDate' | 'currency' | 'lines'>,
): { invoiceDate: string; lines: InvoiceLine[] } {
  const problems: string[] = [];
  for (const [field, value] of Object.entries({ tenantId: command.tenantId, supplierId: command.supplierId, invoiceId: command.invoiceId })) {
    if (typeof value !== 'string' || value.length === 0) problems.push(`${field} must be a non-empty string`);
  }
  if (!CURRENCY.test(command.currency)) problems.push('currency must be an ISO 4217 code such as EUR');
  const invoiceDate = calendarDate(command.invoiceDate);
  if (!invoiceDate) problems.push('invoiceDate must be an ISO 8601 date');
  const seen = new Set<string>();
  const lines = (command.lines ?? []).map((line, i): InvoiceLine => {
    const quantity = String(line.quantity);
    const lineTotal = String(line.lineTotal);
    if (typeof line.lineId !== 'string' || line.lineId.length === 0) problems.push(`lines.${i}.lineId must be a non-empty string`);
    else if (seen.has(line.lineId)) problems.push(`lines.${i}.lineId ${line.lineId} appears twice`);
    seen.add(line.lineId);
    if (!DECIMAL.test(quantity)) problems.push(`lines.${i}.quantity must be a decimal with at most 4 decimals`);
    if (!DECIMAL.test(lineTotal)) problems.push(`lines.${i}.lineTotal must be a decimal with at most 4 decimals`);
    return { lineId: line.lineId, sku: line.sku || null, category: line.category || null, quantity, lineTotal };
  });
  if (problems.length > 0) throw new InvalidCommissionInputError(`Invalid commission input: ${problems.join('; ')}`, problems);
  return { invoiceDate: invoiceDate!, lines };
}

function calendarDate(iso: string): string | null {
  const match = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null;
}
