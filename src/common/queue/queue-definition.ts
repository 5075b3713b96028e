/** Per-queue delivery policy; SQS gets the same values from the CDK stack. */
export interface QueueDefinition {
  name: string;
  visibilityTimeoutSeconds: number;
  /** Deliveries before the message moves to `${name}-dlq`. */
  maxAttempts: number;
  backoff: { initialSeconds: number; maxSeconds: number };
}

export const ORDER_PROCESSING_QUEUE = 'order-processing';
export const WORKFLOW_QUEUE = 'workflow-steps';
/** `{ tenantId, invoiceId }` for each new invoice; its consumer starts the invoice-processing workflow. */
export const INVOICE_PROCESSING_QUEUE = 'invoice-processing';

export const QUEUE_DEFINITIONS: readonly QueueDefinition[] = [
  { name: ORDER_PROCESSING_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 5, backoff: { initialSeconds: 1, maxSeconds: 300 } },
  // Starting a workflow is quick: the slow OCR runs in the workflow's own steps, not under this message.
  { name: INVOICE_PROCESSING_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 5, backoff: { initialSeconds: 1, maxSeconds: 300 } },
  { name: WORKFLOW_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 10, backoff: { initialSeconds: 1, maxSeconds: 300 } },
];

export function deadLetterQueueOf(queue: string): string {
  return `${queue}-dlq`;
}
