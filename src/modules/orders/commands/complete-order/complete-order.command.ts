import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';
import type { OrderStatus } from '../../domain/order-status';

export interface OrderStatusResult {
  status: OrderStatus;
}

/** Input `{ tenantId, orderId }`. SHIPPED (or DELIVERED) → COMPLETED. Throws Order.InvalidState, Order.Conflict. */
@WorkflowTask('CompleteOrder', { idempotent: true })
export class CompleteOrderCommand extends WorkflowTaskCommand<OrderStatusResult> {}
