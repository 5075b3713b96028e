import { Query } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';
import type { OrderListQuery } from '../../domain/order-repository.port';

export interface OrderPageResult {
  items: OrderProps[];
  nextCursor: string | null;
}

export class ListOrdersQuery extends Query<OrderPageResult> {
  constructor(
    readonly tenantId: string,
    readonly criteria: OrderListQuery,
  ) {
    super();
  }
}
