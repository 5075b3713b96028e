import { ConflictError, UnprocessableError } from '../../../common/errors/application-errors';
import { Order } from './order';
import { OrderStatus } from './order-status';

export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');

export interface IdempotencyClaim {
  key: string;
  /** A hash of the request body: the same key with another body is refused. */
  requestHash: string;
}

export interface CreateOrderResult {
  order: Order;
  /** True when an earlier request with the same idempotency key created the order. */
  replayed: boolean;
}

export interface OrderListQuery {
  customerId?: string;
  status?: OrderStatus;
  limit: number;
  /** Opaque, adapter-specific; only ever produced by the same adapter's `list`. */
  cursor?: string;
}

export interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

/**
 * Orders persistence. Implementations must be tenant-scoped (an order of another tenant
 * is simply not found), list newest first, and write updates only over the expected version.
 */
export interface OrderRepository {
  create(order: Order, idempotency?: IdempotencyClaim): Promise<CreateOrderResult>;
  findById(tenantId: string, orderId: string): Promise<Order | null>;
  list(tenantId: string, query: OrderListQuery): Promise<OrderPage>;
  /** Persists `order`, whose previous version must still be the stored one. */
  update(order: Order): Promise<void>;
}

export class StaleOrderError extends ConflictError {
  constructor(orderId: string) {
    super(`Order ${orderId} was changed by another request; reload it and retry`);
  }
}

export class IdempotencyKeyReusedError extends UnprocessableError {
  constructor() {
    super('Idempotency-Key was already used with a different request body');
  }
}
