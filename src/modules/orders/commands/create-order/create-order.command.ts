import { Command } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';
import type { CreateOrderDto } from '../../dto/order-input.dto';

export interface CreateOrderOutcome {
  order: OrderProps;
  replayed: boolean;
}

export class CreateOrderCommand extends Command<CreateOrderOutcome> {
  constructor(
    readonly tenantId: string,
    readonly input: CreateOrderDto,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
