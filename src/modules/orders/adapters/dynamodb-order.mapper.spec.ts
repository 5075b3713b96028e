import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { newOrder } from '../../../../test/support/order-fixtures';
import { Order } from '../domain/order';
import { OrderStatus } from '../domain/order-status';
import {
  compositeKey,
  createdKey,
  idempotencyMarkerId,
  isOrderItem,
  toItem,
  toMarker,
  toMarkerItem,
  toOrder,
} from './dynamodb-order.mapper';

const placed = newOrder({
  orderId: '6f1c2a5e-8a8b-4f7e-9d0a-3b2c1d0e9f8a',
  items: [
    { sku: 'A', name: 'Big', quantity: 1000, unitPrice: '99999999999.9999' },
    { sku: 'B', name: 'Tiny', quantity: 7, unitPrice: '0.0125' },
  ],
});

/** What the DocumentClient does on the way in and out, with its default (strict) options. */
const throughDynamo = (item: Record<string, unknown>) => unmarshall(marshall(item));

describe('DynamoDB order mapper', () => {
  it('round-trips a new order with amounts as exact strings', () => {
    const item = throughDynamo(toItem(placed));
    expect(item.totalAmount).toBe('99999999999999.9875');
    expect((item.items as { unitPrice: unknown }[]).map((line) => line.unitPrice)).toEqual(['99999999999.9999', '0.0125']);
    expect(toOrder(item).props).toEqual(placed.props);
  });

  it('round-trips the optional lifecycle fields and drops absent ones', () => {
    const shipped = placed
      .transition(OrderStatus.PAYMENT_PROCESSED, { paymentDate: '2026-03-01T10:05:00.000Z', transactionId: 'txn_123' })
      .transition(OrderStatus.SHIPPED, {
        shipmentDate: '2026-03-02T08:00:00.000Z',
        trackingNumber: '1Z999',
        carrier: 'UPS',
        estimatedDeliveryDate: '2026-03-06',
      });
    const item = throughDynamo(toItem(shipped));
    expect(item).not.toHaveProperty('deliveryDate');
    expect(toOrder(item).props).toStrictEqual(shipped.props);
  });

  it('reads items written before orders had a payment method with the default one', () => {
    const { paymentMethod: _omitted, ...legacy } = throughDynamo(toItem(placed));
    expect(toOrder(legacy).props.paymentMethod).toBe('pm_card_visa');
  });

  it('keeps undefined nested fields out of the item, which DynamoDB would reject', () => {
    const withBlankLine = Order.restore({ ...placed.props, shippingAddress: { ...placed.props.shippingAddress, line2: undefined } });
    expect(() => marshall(toItem(withBlankLine))).not.toThrow();
  });

  it('derives tenant-scoped index keys that no choice of ids can alias', () => {
    const item = toItem(placed);
    expect(item.customerKey).toBe('tenant-a#cust-1');
    expect(item.createdKey).toBe(`${placed.props.createdAt}#6f1c2a5e-8a8b-4f7e-9d0a-3b2c1d0e9f8a`);
    expect(compositeKey('a#b', 'c')).not.toBe(compositeKey('a', 'b#c'));
  });

  it('normalises createdAt in the sort key so every key sorts in time order', () => {
    expect(createdKey('2026-03-01T11:00:00+01:00', 'id')).toBe('2026-03-01T10:00:00.000Z#id');
  });

  it('tells orders and idempotency markers apart', () => {
    const marker = throughDynamo(toMarkerItem('tenant-a', 'key-1', { requestHash: 'h1', createdOrderId: placed.id }));
    expect(marker.orderId).toBe(idempotencyMarkerId('tenant-a', 'key-1'));
    expect(isOrderItem(marker)).toBe(false);
    expect(toMarker(marker)).toEqual({ requestHash: 'h1', createdOrderId: placed.id });
    expect(isOrderItem(toItem(placed))).toBe(true);
    expect(toMarker(toItem(placed))).toBeNull();
  });
});
