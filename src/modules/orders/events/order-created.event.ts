import type { OrderProps } from '../domain/order';

/** Published once the order is committed; not for idempotent replays. */
export class OrderCreatedEvent {
  constructor(readonly order: OrderProps) {}
}
