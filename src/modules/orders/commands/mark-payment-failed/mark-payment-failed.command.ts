import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';
import type { OrderStatusResult } from '../complete-order/complete-order.command';

/**
 * Input `{ tenantId, orderId, error: { Error, Cause } }`, as a Catch with ResultPath
 * `$.error` leaves it. PENDING → PAYMENT_FAILED with the failure reason.
 * Throws Order.InvalidState, Order.Conflict.
 */
@WorkflowTask('MarkPaymentFailed', { idempotent: true })
export class MarkPaymentFailedCommand extends WorkflowTaskCommand<OrderStatusResult> {}
