import type { LakeSchema } from '../../../common/lake/lake-schema';
import { formatAmount, lineTotal } from '../../../common/money/money';
import type { OrderProps } from '../../orders';

export const PURCHASES_DATASET = 'purchases';

/** One row per order line, the schema documented in docs/lake/purchases.md. */
export interface PurchaseRow {
  tenant_id: string;
  order_id: string;
  line_number: number;
  customer_id: string;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: string;
  line_amount: string;
  currency: string;
  order_status: string;
  order_created_at: string;
  order_updated_at: string;
  order_version: number;
}

export const PURCHASE_COLUMNS: LakeSchema<PurchaseRow> = [
  { name: 'tenant_id', type: 'string' },
  { name: 'order_id', type: 'string' },
  { name: 'line_number', type: 'int32' },
  { name: 'customer_id', type: 'string' },
  { name: 'sku', type: 'string' },
  { name: 'product_name', type: 'string' },
  { name: 'quantity', type: 'int32' },
  { name: 'unit_price', type: 'decimal' },
  { name: 'line_amount', type: 'decimal' },
  { name: 'currency', type: 'string' },
  { name: 'order_status', type: 'string' },
  { name: 'order_created_at', type: 'timestamp' },
  { name: 'order_updated_at', type: 'timestamp' },
  { name: 'order_version', type: 'int64' },
];

/** The order's lines at `version`; a deleted order has none, so it drops out of every sum. */
export function purchaseRows(order: OrderProps, version: number, deleted: boolean): PurchaseRow[] {
  if (deleted) return [];
  return order.items.map((item, index) => ({
    tenant_id: order.tenantId,
    order_id: order.orderId,
    line_number: index + 1,
    customer_id: order.customerId,
    sku: item.sku,
    product_name: item.name,
    quantity: item.quantity,
    unit_price: formatAmount(item.unitPrice),
    line_amount: lineTotal(item),
    currency: order.currency,
    order_status: order.status,
    order_created_at: order.createdAt,
    order_updated_at: order.updatedAt,
    order_version: version,
  }));
}
