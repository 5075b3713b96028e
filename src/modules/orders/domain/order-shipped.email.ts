import { formatAmount, lineTotal } from '../../../common/money/money';
import type { OrderProps, ShippingAddress } from './order';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const money = (amount: string, currency: string) => `${formatAmount(amount)} ${currency}`;

/** Customer-supplied text ends up in HTML: every interpolated value goes through here. */
const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const addressLines = (a: ShippingAddress) =>
  [a.line1, a.line2, [a.postalCode, a.city].join(' '), a.region, a.country].filter((line): line is string => Boolean(line));

/**
 * The email sent once an order has shipped: what was bought, what it cost, where it
 * goes and how to track it. Plain-text and HTML carry the same content.
 */
export function renderOrderShippedEmail(order: OrderProps): RenderedEmail {
  const lines = order.items.map((item) => ({
    ...item,
    unit: money(item.unitPrice, order.currency),
    total: money(lineTotal(item), order.currency),
  }));
  const total = money(order.totalAmount, order.currency);
  const address = addressLines(order.shippingAddress);
  const shipment = [
    ['Carrier', order.carrier],
    ['Tracking number', order.trackingNumber],
    ['Estimated delivery', order.estimatedDeliveryDate],
  ].filter((entry): entry is [string, string] => Boolean(entry[1]));

  const text = [
    `Hello ${order.customerName},`,
    '',
    `Your order ${order.orderId} has shipped.`,
    '',
    ...lines.map((l) => `- ${l.sku} ${l.name}: ${l.quantity} x ${l.unit} = ${l.total}`),
    `Total: ${total}`,
    '',
    'Shipping to:',
    ...address.map((line) => `  ${line}`),
    '',
    ...shipment.map(([label, value]) => `${label}: ${value}`),
    '',
    'Thank you for your order.',
  ].join('\n');

  const e = escapeHtml;
  const html = `<!DOCTYPE html>
<html><body>
<p>Hello ${e(order.customerName)},</p>
<p>Your order <strong>${e(order.orderId)}</strong> has shipped.</p>
<table>
<thead><tr><th>SKU</th><th>Item</th><th>Qty</th><th>Unit price</th><th>Line total</th></tr></thead>
<tbody>
${lines.map((l) => `<tr><td>${e(l.sku)}</td><td>${e(l.name)}</td><td>${l.quantity}</td><td>${e(l.unit)}</td><td>${e(l.total)}</td></tr>`).join('\n')}
</tbody>
<tfoot><tr><th colspan="4">Total</th><td>${e(total)}</td></tr></tfoot>
</table>
<p>Shipping to:<br>${address.map(e).join('<br>')}</p>
<ul>
${shipment.map(([label, value]) => `<li>${label}: ${e(value)}</li>`).join('\n')}
</ul>
<p>Thank you for your order.</p>
</body></html>`;

  return { subject: `Your order ${order.orderId} has shipped`, text, html };
}
