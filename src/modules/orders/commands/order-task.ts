import { EventBus } from '@nestjs/cqrs';
import { taskFields, type JsonValue } from '../../workflow';
import { Order } from '../domain/order';
import { OrderRepository, StaleOrderError } from '../domain/order-repository.port';
import { OrderStatus } from '../domain/order-status';
import { OrderUpdatedEvent } from '../events/order-updated.event';
import { OrderConflictError, OrderTaskInputError, OrderTaskNotFoundError } from './order-task.errors';

/** Statuses an order reaches only after it has shipped. */
export const SHIPPED_STATUSES: readonly OrderStatus[] = [OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED];

/** A task's input: `{ tenantId, orderId }` plus the task's own fields. */
export function taskInput(input: JsonValue) {
  const fields = taskFields(input, ['tenantId', 'orderId']);
  if (!fields) throw new OrderTaskInputError('Task input must be an object with string tenantId and orderId');
  return fields;
}

/** The order is reloaded on every run: it, not the previous step's output, is the source of truth. */
export async function loadTaskOrder(orders: OrderRepository, input: JsonValue): Promise<Order> {
  const { tenantId, orderId } = taskInput(input);
  const order = await orders.findById(tenantId, orderId);
  if (!order) throw new OrderTaskNotFoundError(`Order ${orderId} of tenant ${tenantId} not found`);
  return order;
}

/**
 * Side effects are keyed by the order, not by the workflow execution: whoever runs the
 * step, however often (a crash re-run, a second execution an admin started), an order is
 * charged, shipped and emailed once.
 */
export function sideEffectKey(order: Order, effect: string): string {
  return `order:${order.props.tenantId}:${order.id}:${effect}`;
}

/** Writes `next` over `current` and announces it once committed. */
export async function commitTransition(orders: OrderRepository, events: EventBus, current: Order, next: Order): Promise<void> {
  try {
    await orders.update(next);
  } catch (error) {
    if (error instanceof StaleOrderError) throw new OrderConflictError(error.message);
    throw error;
  }
  events.publish(new OrderUpdatedEvent(next.props, current.props));
}
