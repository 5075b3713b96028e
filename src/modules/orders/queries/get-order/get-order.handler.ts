import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { loadOrder } from '../../domain/load-order';
import type { OrderProps } from '../../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { GetOrderQuery } from './get-order.query';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute({ tenantId, orderId }: GetOrderQuery): Promise<OrderProps> {
    return (await loadOrder(this.orders, tenantId, orderId)).props;
  }
}
