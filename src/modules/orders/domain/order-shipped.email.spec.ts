import { newOrder } from '../../../../test/support/order-fixtures';
import { Order } from './order';
import { renderOrderShippedEmail } from './order-shipped.email';
import { OrderStatus } from './order-status';

const shipped = (changes: Partial<Order['props']> = {}) =>
  Order.restore({
    ...newOrder({
      items: [
        { sku: 'ACEITE-500', name: 'Aceite 500 ml', quantity: 3, unitPrice: '4.35' },
        { sku: 'ARROZ-1KG', name: 'Arroz 1 kg', quantity: 1, unitPrice: '0.1' },
      ],
    }).props,
    status: OrderStatus.SHIPPED,
    carrier: 'DHL',
    trackingNumber: '1234567895',
    estimatedDeliveryDate: '2026-03-10',
    ...changes,
  }).props;

describe('order shipped email', () => {
  it('names the order in the subject', () => {
    const order = shipped();
    expect(renderOrderShippedEmail(order).subject).toBe(`Your order ${order.orderId} has shipped`);
  });

  it('lists items with exact unit prices and line totals, the total, address and tracking in the text', () => {
    const order = shipped();
    const { text } = renderOrderShippedEmail(order);
    expect(text).toContain('Hello Ana Pérez,');
    expect(text).toContain(order.orderId);
    expect(text).toContain('- ACEITE-500 Aceite 500 ml: 3 x 4.35 EUR = 13.05 EUR');
    expect(text).toContain('- ARROZ-1KG Arroz 1 kg: 1 x 0.10 EUR = 0.10 EUR');
    expect(text).toContain('Total: 13.15 EUR');
    expect(text).toContain('Shipping to:\n  Calle Mayor 1\n  28013 Madrid\n  ES');
    expect(text).toContain('Carrier: DHL\nTracking number: 1234567895\nEstimated delivery: 2026-03-10');
  });

  it('keeps sub-cent amounts exact', () => {
    const order = shipped({ items: [{ sku: 'S', name: 'Screw', quantity: 1000, unitPrice: '0.0125' }], totalAmount: '12.50' });
    expect(renderOrderShippedEmail(order).text).toContain('1000 x 0.0125 EUR = 12.50 EUR');
  });

  it('carries the same content in the HTML', () => {
    const { html } = renderOrderShippedEmail(shipped());
    expect(html).toContain('<td>ACEITE-500</td><td>Aceite 500 ml</td><td>3</td><td>4.35 EUR</td><td>13.05 EUR</td>');
    expect(html).toContain('<td>13.15 EUR</td>');
    expect(html).toContain('Calle Mayor 1<br>28013 Madrid<br>ES');
    expect(html).toContain('<li>Tracking number: 1234567895</li>');
  });

  it('escapes customer-supplied text in the HTML', () => {
    const order = shipped({
      customerName: '<script>alert("x")</script>',
      items: [{ sku: 'A&B', name: `<img src=x onerror='1'>`, quantity: 1, unitPrice: '1' }],
      shippingAddress: { line1: '"><b>1', city: 'M', postalCode: '1', country: 'ES' },
    });
    const { html, text } = renderOrderShippedEmail(order);
    expect(html).not.toMatch(/<script|<img|<b>1/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<td>A&amp;B</td><td>&lt;img src=x onerror=&#39;1&#39;&gt;</td>');
    expect(html).toContain('&quot;&gt;&lt;b&gt;1');
    expect(text).toContain('Hello <script>alert("x")</script>,'); // plain text is not HTML
  });
});
