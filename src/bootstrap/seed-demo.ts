import { INestApplication } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateOrderCommand, CreateOrderDto, ListOrdersQuery } from '../modules/orders';

export const DEMO_TENANT = 'demo';

const DEMO_ORDERS: CreateOrderDto[] = [
  {
    customerId: 'cust-ana',
    customerName: 'Ana Pérez',
    customerEmail: 'ana@example.com',
    currency: 'EUR',
    items: [
      { sku: 'ACEITE-500', name: 'Aceite de oliva virgen extra 500 ml', quantity: 6, unitPrice: '4.35' },
      { sku: 'ARROZ-1KG', name: 'Arroz bomba 1 kg', quantity: 2, unitPrice: '3.10' },
    ],
    shippingAddress: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  },
  {
    customerId: 'cust-bob',
    customerName: 'Bob Smith',
    customerEmail: 'bob@example.com',
    currency: 'USD',
    items: [{ sku: 'COFFEE-250', name: 'Ground coffee 250 g', quantity: 12, unitPrice: '7.99' }],
    shippingAddress: { line1: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
  },
];

/** Gives a fresh install something to look at; does nothing once the demo tenant has orders. */
export async function seedDemoTenant(app: INestApplication): Promise<number> {
  const queries = app.get(QueryBus);
  const existing = await queries.execute(new ListOrdersQuery(DEMO_TENANT, { limit: 1 }));
  if (existing.items.length > 0) return 0;
  const commands = app.get(CommandBus);
  for (const [i, order] of DEMO_ORDERS.entries()) {
    await commands.execute(new CreateOrderCommand(DEMO_TENANT, order, `demo-seed-${i}`));
  }
  return DEMO_ORDERS.length;
}
