import type { Product } from '../../matching';
import type { OrderProps } from '../../orders';
import type { ProductDocument, PurchaseDocument } from './search-documents';

/** The searchable part of a catalog product. */
export function toProductDocument(p: Product): ProductDocument {
  return {
    tenantId: p.tenantId, sku: p.sku, name: p.name, description: p.description, brand: p.brand, category: p.category, price: p.price,
    currency: p.currency, supplierId: p.supplierId, gtin: p.gtin, updatedAt: p.updatedAt, version: p.version,
  };
}

/** The searchable part of an order. */
export function toPurchaseDocument(o: OrderProps): PurchaseDocument {
  return {
    tenantId: o.tenantId, orderId: o.orderId, customerId: o.customerId, customerName: o.customerName, customerEmail: o.customerEmail,
    status: o.status, totalAmount: o.totalAmount, currency: o.currency,
    items: o.items.map(({ sku, name, quantity, unitPrice }) => ({ sku, name, quantity, unitPrice })),
    createdAt: o.createdAt, updatedAt: o.updatedAt, version: o.version,
  };
}
