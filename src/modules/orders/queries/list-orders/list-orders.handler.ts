import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { ListOrdersQuery, OrderPageResult } from './list-orders.query';

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute({ tenantId, criteria }: ListOrdersQuery): Promise<OrderPageResult> {
    const page = await this.orders.list(tenantId, criteria);
    return { items: page.items.map((o) => o.props), nextCursor: page.nextCursor };
  }
}
