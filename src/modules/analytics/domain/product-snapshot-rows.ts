import type { LakeSchema } from '../../../common/lake/lake-schema';
import { formatAmount } from '../../../common/money/money';
import type { Product } from '../../matching';

export const PRODUCTS_DATASET = 'products';

/** One row per product version, the schema documented in docs/lake/products.md. */
export interface ProductSnapshotRow {
  tenant_id: string;
  sku: string;
  name: string;
  description: string | null;
  brand: string | null;
  category: string | null;
  unit: string | null;
  price: string | null;
  currency: string | null;
  supplier_id: string | null;
  supplier_code: string | null;
  gtin: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted: boolean;
  changed_at: string;
}

export const PRODUCT_SNAPSHOT_COLUMNS: LakeSchema<ProductSnapshotRow> = [
  { name: 'tenant_id', type: 'string' },
  { name: 'sku', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'description', type: 'string', nullable: true },
  { name: 'brand', type: 'string', nullable: true },
  { name: 'category', type: 'string', nullable: true },
  { name: 'unit', type: 'string', nullable: true },
  { name: 'price', type: 'decimal', nullable: true },
  { name: 'currency', type: 'string', nullable: true },
  { name: 'supplier_id', type: 'string', nullable: true },
  { name: 'supplier_code', type: 'string', nullable: true },
  { name: 'gtin', type: 'string', nullable: true },
  { name: 'created_at', type: 'timestamp' },
  { name: 'updated_at', type: 'timestamp' },
  { name: 'version', type: 'int64' },
  { name: 'deleted', type: 'boolean' },
  { name: 'changed_at', type: 'timestamp' },
];

/**
 * The product as it stood at `version`. A delete's image is the product before it, so
 * its snapshot repeats the last fields with `deleted` set, at the delete's own version.
 */
export function productSnapshotRow(product: Product, version: number, deleted: boolean, changedAt: string): ProductSnapshotRow {
  return {
    tenant_id: product.tenantId,
    sku: product.sku,
    name: product.name,
    description: product.description,
    brand: product.brand,
    category: product.category,
    unit: product.unit,
    price: product.price === null ? null : formatAmount(product.price),
    currency: product.currency,
    supplier_id: product.supplierId,
    supplier_code: product.supplierCode,
    gtin: product.gtin,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    version,
    deleted,
    changed_at: changedAt,
  };
}
