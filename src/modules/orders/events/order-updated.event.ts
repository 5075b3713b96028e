import type { OrderProps } from '../domain/order';

export class OrderUpdatedEvent {
  constructor(
    readonly order: OrderProps,
    readonly previous: OrderProps,
  ) {}
}
