import { Command } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';
import type { UpdateOrderDto } from '../../dto/order-input.dto';
import type { ExpectedVersion } from '../expected-version';

export class UpdateOrderCommand extends Command<OrderProps> {
  constructor(
    readonly tenantId: string,
    readonly orderId: string,
    readonly changes: Pick<UpdateOrderDto, 'items' | 'shippingAddress'>,
    readonly expected?: ExpectedVersion,
  ) {
    super();
  }
}
