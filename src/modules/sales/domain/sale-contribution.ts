import type { Sale } from './sale';

/** The product key of sales without a sku (unmatched invoice lines). */
export const NO_SKU = '(none)';

/**
 * What one sale adds to the real-time metrics. `supplierOrders`/`productOrders` are 1 on
 * exactly one sale of each order (or invoice) per supplier, and per supplier and product,
 * so summing them counts distinct orders: the lines of one order share its time, hence
 * its buckets, and are always recorded together.
 */
export interface SaleContribution {
  tenantId: string;
  saleId: string;
  supplierId: string;
  productKey: string;
  currency: string;
  occurredAt: string;
  revenue: string;
  units: string;
  commission: string;
  supplierOrders: 0 | 1;
  productOrders: 0 | 1;
}

export function contributionsOf(sales: readonly Sale[]): SaleContribution[] {
  const firstOfSupplier = new Map<string, Sale>();
  const firstOfProduct = new Map<string, Sale>();
  const keep = (map: Map<string, Sale>, key: string, sale: Sale) => {
    const current = map.get(key);
    if (!current || sale.lineNumber < current.lineNumber) map.set(key, sale);
  };
  for (const sale of sales) {
    const order = [sale.tenantId, sale.source, sale.sourceId, sale.supplierId, sale.currency].join('\u0000');
    keep(firstOfSupplier, order, sale);
    keep(firstOfProduct, `${order}\u0000${productKeyOf(sale)}`, sale);
  }
  const supplierLeaders = new Set(firstOfSupplier.values());
  const productLeaders = new Set(firstOfProduct.values());
  return sales.map((sale) => ({
    tenantId: sale.tenantId,
    saleId: sale.saleId,
    supplierId: sale.supplierId,
    productKey: productKeyOf(sale),
    currency: sale.currency,
    occurredAt: sale.occurredAt,
    revenue: sale.amount,
    units: sale.quantity,
    commission: sale.commission,
    supplierOrders: supplierLeaders.has(sale) ? 1 : 0,
    productOrders: productLeaders.has(sale) ? 1 : 0,
  }));
}

export const productKeyOf = (sale: Pick<Sale, 'sku'>): string => sale.sku ?? NO_SKU;
