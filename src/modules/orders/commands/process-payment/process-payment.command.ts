import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface ProcessPaymentResult {
  transactionId: string;
  amount: string;
  currency: string;
}

/**
 * Input `{ tenantId, orderId }`. Charges the order total: PENDING → PAYMENT_PROCESSED.
 * Throws Payment.Declined, Payment.ProviderUnavailable, Order.NotPayable, Order.Conflict.
 */
@WorkflowTask('ProcessPayment', { idempotent: true })
export class ProcessPaymentCommand extends WorkflowTaskCommand<ProcessPaymentResult> {}
