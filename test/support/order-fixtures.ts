import { randomUUID } from 'node:crypto';
import { Order, OrderItem, ShippingAddress } from '../../src/modules/orders/domain/order';

/** A valid POST /v1/orders body. */
export const orderBody = (overrides: Record<string, unknown> = {}) => ({
  customerId: 'cust-1',
  customerName: 'Ana Pérez',
  customerEmail: 'ana@example.com',
  currency: 'EUR',
  items: [
    { sku: 'ACEITE-500', name: 'Aceite 500 ml', quantity: 3, unitPrice: '4.35' },
    { sku: 'ARROZ-1KG', name: 'Arroz 1 kg', quantity: 1, unitPrice: 0.1 },
  ],
  shippingAddress: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  ...overrides,
});

let clock = Date.parse('2026-03-01T10:00:00.000Z');
/** Strictly increasing timestamps so "newest first" is unambiguous. */
export const tick = () => new Date((clock += 1000));

export function newOrder(
  overrides: {
    orderId?: string;
    tenantId?: string;
    customerId?: string;
    items?: OrderItem[];
    paymentMethod?: string;
    shippingAddress?: ShippingAddress;
  } = {},
): Order {
  return Order.create(
    {
      orderId: overrides.orderId ?? randomUUID(),
      tenantId: overrides.tenantId ?? 'tenant-a',
      customerId: overrides.customerId ?? 'cust-1',
      customerName: 'Ana Pérez',
      customerEmail: 'ana@example.com',
      currency: 'EUR',
      items: overrides.items ?? [{ sku: 'SKU-1', name: 'Aceite 500 ml', quantity: 3, unitPrice: '4.35' }],
      shippingAddress: overrides.shippingAddress ?? { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
      paymentMethod: overrides.paymentMethod,
    },
    tick(),
  );
}
