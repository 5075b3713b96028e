import { ConflictError } from '../../../common/errors/application-errors';
import { newOrder } from '../../../../test/support/order-fixtures';
import { Order } from './order';
import { ALLOWED_TRANSITIONS, OrderStatus } from './order-status';

const pending = () =>
  newOrder({
    items: [
      { sku: 'A', name: 'Apple', quantity: 3, unitPrice: '0.10' },
      { sku: 'B', name: 'Banana', quantity: 1, unitPrice: '0.20' },
    ],
  });

describe('Order', () => {
  it('starts PENDING at version 1 with an exact server-side total', () => {
    const order = pending();
    expect(order.status).toBe(OrderStatus.PENDING);
    expect(order.version).toBe(1);
    expect(order.props.totalAmount).toBe('0.50');
  });

  it('walks the happy path to COMPLETED, bumping the version each step', () => {
    const completed = pending()
      .transition(OrderStatus.PAYMENT_PROCESSED, { transactionId: 'tx1', paymentDate: '2026-01-01T00:01:00Z' })
      .transition(OrderStatus.SHIPPED, { trackingNumber: 'TRK1' })
      .transition(OrderStatus.DELIVERED)
      .transition(OrderStatus.COMPLETED);
    expect(completed.status).toBe(OrderStatus.COMPLETED);
    expect(completed.version).toBe(5);
    expect(completed.props.transactionId).toBe('tx1');
    expect(completed.props.trackingNumber).toBe('TRK1');
  });

  it('completes a shipped order once fulfilment is done, without waiting for delivery', () => {
    const shipped = pending().transition(OrderStatus.PAYMENT_PROCESSED).transition(OrderStatus.SHIPPED);
    expect(shipped.transition(OrderStatus.COMPLETED).status).toBe(OrderStatus.COMPLETED);
  });

  it('defaults the payment method to pm_card_visa', () => {
    expect(pending().props.paymentMethod).toBe('pm_card_visa');
  });

  it.each(
    Object.values(OrderStatus).flatMap((from) =>
      Object.values(OrderStatus)
        .filter((to) => !ALLOWED_TRANSITIONS[from].includes(to))
        .map((to) => [from, to] as const),
    ),
  )('refuses %s -> %s as a conflict', (from, to) => {
    const order = Order.restore({ ...pending().props, status: from });
    expect(() => order.transition(to)).toThrow(ConflictError);
  });

  it('recomputes the total when items are revised while PENDING', () => {
    const revised = pending().revise({ items: [{ sku: 'C', name: 'Cherry', quantity: 2, unitPrice: '1.005' }] });
    expect(revised.props.totalAmount).toBe('2.01');
    expect(revised.version).toBe(2);
  });

  it('refuses revisions once the order has left PENDING', () => {
    const paid = pending().transition(OrderStatus.PAYMENT_PROCESSED);
    expect(() => paid.revise({ items: [] })).toThrow(ConflictError);
  });

  it('cancels a pending order but not a completed one', () => {
    expect(pending().cancel().status).toBe(OrderStatus.CANCELLED);
    const completed = Order.restore({ ...pending().props, status: OrderStatus.COMPLETED });
    expect(() => completed.cancel()).toThrow(ConflictError);
  });
});
