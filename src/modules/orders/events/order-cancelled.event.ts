import type { OrderProps } from '../domain/order';

export class OrderCancelledEvent {
  constructor(readonly order: OrderProps) {}
}
