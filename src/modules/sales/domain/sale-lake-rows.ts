import type { LakeSchema } from '../../../common/lake/lake-schema';

/** The lake table of individual sales, written per day by the daily batch. */
export const SALES_DATASET = 'sales';

/**
 * One sale: a completed order line or a processed invoice line. Partitioned by the UTC
 * date of `occurred_at`; the schema documented in docs/lake/sales.md.
 */
export interface SaleRow {
  tenant_id: string;
  /** `order:<orderId>:<line>` or `invoice:<invoiceId>:<line>`: stable, so a re-run never duplicates. */
  sale_id: string;
  source: 'order' | 'invoice';
  source_id: string;
  line_number: number;
  /** 'unassigned' when the product has no supplier. */
  supplier_id: string;
  sku: string | null;
  product_name: string;
  category: string | null;
  /** Null for invoice lines. */
  customer_id: string | null;
  /** Exact decimal text: invoice quantities may be fractional. */
  quantity: string;
  unit_price: string;
  amount: string;
  commission: string;
  currency: string;
  occurred_at: string;
}

export const SALE_COLUMNS: LakeSchema<SaleRow> = [
  { name: 'tenant_id', type: 'string' },
  { name: 'sale_id', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'source_id', type: 'string' },
  { name: 'line_number', type: 'int32' },
  { name: 'supplier_id', type: 'string' },
  { name: 'sku', type: 'string', nullable: true },
  { name: 'product_name', type: 'string' },
  { name: 'category', type: 'string', nullable: true },
  { name: 'customer_id', type: 'string', nullable: true },
  { name: 'quantity', type: 'decimal' },
  { name: 'unit_price', type: 'decimal' },
  { name: 'amount', type: 'decimal' },
  { name: 'commission', type: 'decimal' },
  { name: 'currency', type: 'string' },
  { name: 'occurred_at', type: 'timestamp' },
];
