import { Query } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';

export class GetOrderQuery extends Query<OrderProps> {
  constructor(
    readonly tenantId: string,
    readonly orderId: string,
  ) {
    super();
  }
}
