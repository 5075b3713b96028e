import { InvalidInputError } from '../../../../common/errors/application-errors';
import { Sale, saleIdOf } from '../../domain/sale';
import type { SaleInput } from './record-sales.command';

/** Signed (credit lines are negative), at most 4 decimals: what numeric(19,4) holds. */
const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** The command comes from other modules, not through the HTTP pipes: a malformed sale fails loudly. */
export function parseSales(inputs: readonly SaleInput[]): Sale[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const sales = inputs.map((input, i) => {
    const at = `sales.${i}`;
    for (const field of ['tenantId', 'sourceId', 'supplierId', 'productName'] as const) {
      if (typeof input[field] !== 'string' || input[field].length === 0) problems.push(`${at}.${field} must be a non-empty string`);
    }
    if (input.source !== 'order' && input.source !== 'invoice') problems.push(`${at}.source must be order or invoice`);
    if (!Number.isInteger(input.lineNumber) || input.lineNumber < 1) problems.push(`${at}.lineNumber must be a positive integer`);
    for (const field of ['quantity', 'unitPrice', 'amount', 'commission'] as const) {
      if (!DECIMAL.test(String(input[field]))) problems.push(`${at}.${field} must be a decimal with at most 4 decimals`);
    }
    if (!CURRENCY.test(input.currency)) problems.push(`${at}.currency must be an ISO 4217 code`);
    if (Number.isNaN(Date.parse(input.occurredAt))) problems.push(`${at}.occurredAt must be an ISO 8601 instant`);
    const saleId = saleIdOf(input.source, input.sourceId, input.lineNumber);
    if (seen.has(`${input.tenantId}\u0000${saleId}`)) problems.push(`${at} repeats sale ${saleId}`);
    seen.add(`${input.tenantId}\u0000${saleId}`);
    return { ...input, saleId, occurredAt: new Date(input.occurredAt).toISOString() };
  });
  if (problems.length > 0) throw new InvalidInputError(`Invalid sales: ${problems.slice(0, 20).join('; ')}`, problems);
  return sales;
}
