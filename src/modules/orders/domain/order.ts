import { ConflictError } from '../../../common/errors/application-errors';
import { sumProducts } from '../../../common/money/money';
import { canTransition, OrderStatus } from './order-status';
import { DEFAULT_PAYMENT_METHOD } from './payment-method';

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  /** Exact decimal text, e.g. "19.99". */
  unitPrice: string;
}

export interface ShippingAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

export interface OrderLifecycle {
  paymentDate?: string;
  transactionId?: string;
  shipmentDate?: string;
  trackingNumber?: string;
  carrier?: string;
  /** Calendar date, YYYY-MM-DD. */
  estimatedDeliveryDate?: string;
  deliveryDate?: string;
  failureReason?: string;
}

export interface OrderProps extends OrderLifecycle {
  orderId: string;
  tenantId: string;
  customerId: string;
  customerName: string;
  customerEmail: string;
  items: OrderItem[];
  totalAmount: string;
  currency: string;
  /** A payment-method token (see payment-method.ts), never card data. */
  paymentMethod: string;
  status: OrderStatus;
  shippingAddress: ShippingAddress;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type NewOrder = Pick<
  OrderProps,
  'orderId' | 'tenantId' | 'customerId' | 'customerName' | 'customerEmail' | 'items' | 'currency' | 'shippingAddress'
> & { paymentMethod?: string };

export class IllegalTransitionError extends ConflictError {}

/**
 * The order aggregate. Every change returns a new snapshot with a bumped version, so
 * the repository can write it with a conditional check on the previous version.
 */
export class Order {
  private constructor(readonly props: Readonly<OrderProps>) {}

  static create(input: NewOrder, now: Date = new Date()): Order {
    const at = now.toISOString();
    return new Order({
      ...input,
      paymentMethod: input.paymentMethod ?? DEFAULT_PAYMENT_METHOD,
      totalAmount: sumProducts(input.items),
      status: OrderStatus.PENDING,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
  }

  static restore(props: OrderProps): Order {
    return new Order(props);
  }

  get id(): string {
    return this.props.orderId;
  }

  get version(): number {
    return this.props.version;
  }

  get status(): OrderStatus {
    return this.props.status;
  }

  revise(changes: { items?: OrderItem[]; shippingAddress?: ShippingAddress }, now: Date = new Date()): Order {
    if (this.status !== OrderStatus.PENDING) {
      throw new IllegalTransitionError(`Order ${this.id} is ${this.status}; only PENDING orders can be changed`);
    }
    const items = changes.items ?? this.props.items;
    return this.next({ items, shippingAddress: changes.shippingAddress ?? this.props.shippingAddress, totalAmount: sumProducts(items) }, now);
  }

  cancel(now: Date = new Date()): Order {
    return this.transition(OrderStatus.CANCELLED, {}, now);
  }

  transition(to: OrderStatus, lifecycle: OrderLifecycle = {}, now: Date = new Date()): Order {
    if (!canTransition(this.status, to)) {
      throw new IllegalTransitionError(`Order ${this.id} cannot go from ${this.status} to ${to}`);
    }
    return this.next({ ...lifecycle, status: to }, now);
  }

  private next(changes: Partial<OrderProps>, now: Date): Order {
    return new Order({ ...this.props, ...changes, updatedAt: now.toISOString(), version: this.version + 1 });
  }
}
