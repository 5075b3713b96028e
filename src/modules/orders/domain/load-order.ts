import { NotFoundError } from '../../../common/errors/application-errors';
import { Order } from './order';
import { OrderRepository } from './order-repository.port';

export class OrderNotFoundError extends NotFoundError {
  constructor(orderId: string) {
    super(`Order ${orderId} not found`);
  }
}

/** Orders of other tenants are indistinguishable from missing ones. */
export async function loadOrder(repo: OrderRepository, tenantId: string, orderId: string): Promise<Order> {
  const order = await repo.findById(tenantId, orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return order;
}
