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
