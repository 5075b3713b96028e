import { Order, OrderLifecycle, OrderProps } from '../domain/order';
import { DEFAULT_PAYMENT_METHOD } from '../domain/payment-method';

export type DynamoItem = Record<string, unknown>;

const ORDER_ENTITY = 'order';
const IDEMPOTENCY_ENTITY = 'idempotency-key';
const LIFECYCLE_FIELDS: (keyof OrderLifecycle)[] = [
  'paymentDate', 'transactionId', 'shipmentDate', 'trackingNumber', 'carrier', 'estimatedDeliveryDate', 'deliveryDate', 'failureReason',
];

/**
 * Joins key parts with `#` after percent-encoding each one, so no part can contain the
 * separator: tenant "a#b" + customer "c" can never alias tenant "a" + customer "b#c",
 * which would let one tenant page through another tenant's index partition.
 */
export const compositeKey = (...parts: string[]) => parts.map(encodeURIComponent).join('#');

/**
 * Index sort key: ISO-8601 UTC instants sort lexically in time order, and the orderId suffix
 * breaks ties between orders created in the same millisecond, so positions are unique.
 */
export const createdKey = (createdAt: string, orderId: string) => `${new Date(createdAt).toISOString()}#${orderId}`;

/** Amounts stay strings (exact decimals); only integers (quantity, version) become DynamoDB numbers. */
export function toItem(order: Order): DynamoItem {
  const props = order.props;
  // DynamoDB rejects `undefined` (e.g. an absent shippingAddress.line2); the JSON round trip drops them at any depth.
  const attributes = JSON.parse(JSON.stringify(props)) as DynamoItem;
  return {
    ...attributes,
    entity: ORDER_ENTITY,
    customerKey: compositeKey(props.tenantId, props.customerId),
    createdKey: createdKey(props.createdAt, props.orderId),
  };
}

export const isOrderItem = (item: DynamoItem | undefined): item is DynamoItem => item?.entity === ORDER_ENTITY;

export function toOrder(item: DynamoItem): Order {
  const props: OrderProps = {
    orderId: item.orderId as string,
    tenantId: item.tenantId as string,
    customerId: item.customerId as string,
    customerName: item.customerName as string,
    customerEmail: item.customerEmail as string,
    items: item.items as OrderProps['items'],
    totalAmount: item.totalAmount as string,
    currency: item.currency as string,
    // Items written before orders had a payment method got the same default as the Postgres migration.
    paymentMethod: typeof item.paymentMethod === 'string' ? item.paymentMethod : DEFAULT_PAYMENT_METHOD,
    status: item.status as OrderProps['status'],
    shippingAddress: item.shippingAddress as OrderProps['shippingAddress'],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    version: item.version as number,
  };
  for (const field of LIFECYCLE_FIELDS) if (typeof item[field] === 'string') props[field] = item[field];
  return Order.restore(props);
}

export interface IdempotencyMarker {
  requestHash: string;
  createdOrderId: string;
}

/** Keys are scoped to the tenant, so two tenants may use the same key independently. */
export const idempotencyMarkerId = (tenantId: string, key: string) => compositeKey('idem', tenantId, key);

export function toMarkerItem(tenantId: string, key: string, marker: IdempotencyMarker): DynamoItem {
  return { orderId: idempotencyMarkerId(tenantId, key), entity: IDEMPOTENCY_ENTITY, ...marker };
}

export function toMarker(item: DynamoItem | undefined): IdempotencyMarker | null {
  if (item?.entity !== IDEMPOTENCY_ENTITY) return null;
  return { requestHash: item.requestHash as string, createdOrderId: item.createdOrderId as string };
}
