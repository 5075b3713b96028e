import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface SendOrderNotificationResult {
  notificationId: string;
}

/**
 * Input `{ tenantId, orderId }`. Emails the customer that a shipped order is on its way.
 * Throws Notification.DeliveryFailed, Order.InvalidState.
 */
@WorkflowTask('SendNotification', { idempotent: true })
export class SendOrderNotificationCommand extends WorkflowTaskCommand<SendOrderNotificationResult> {}
