import { formatAmount } from '../../../common/money/money';
import type { SaleRow } from './sale-lake-rows';

export type SaleSource = SaleRow['source'];

/** The supplier of a sale whose product is unknown or has none. */
export const UNASSIGNED_SUPPLIER = 'unassigned';

/**
 * One sale: a completed order line or a processed invoice line. Amounts are exact decimal
 * text (at most 4 decimals, what numeric(19,4) holds); `occurredAt` is ISO 8601.
 */
export interface Sale {
  tenantId: string;
  /** saleIdOf(source, sourceId, lineNumber): recording the same line again finds the same sale. */
  saleId: string;
  source: SaleSource;
  sourceId: string;
  lineNumber: number;
  supplierId: string;
  sku: string | null;
  productName: string;
  category: string | null;
  customerId: string | null;
  quantity: string;
  unitPrice: string;
  amount: string;
  commission: string;
  currency: string;
  occurredAt: string;
}

export function saleIdOf(source: SaleSource, sourceId: string, lineNumber: number): string {
  return `${source}:${sourceId}:${lineNumber}`;
}

export function saleRowOf(sale: Sale): SaleRow {
  return {
    tenant_id: sale.tenantId,
    sale_id: sale.saleId,
    source: sale.source,
    source_id: sale.sourceId,
    line_number: sale.lineNumber,
    supplier_id: sale.supplierId,
    sku: sale.sku,
    product_name: sale.productName,
    category: sale.category,
    customer_id: sale.customerId,
    quantity: formatAmount(sale.quantity),
    unit_price: formatAmount(sale.unitPrice),
    amount: formatAmount(sale.amount),
    commission: formatAmount(sale.commission),
    currency: sale.currency,
    occurred_at: new Date(sale.occurredAt).toISOString(),
  };
}
