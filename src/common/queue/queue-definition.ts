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

export const QUEUE_DEFINITIONS: readonly QueueDefinition[] = [
  { name: ORDER_PROCESSING_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 5, backoff: { initialSeconds: 1, maxSeconds: 300 } },
  { name: WORKFLOW_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 10, backoff: { initialSeconds: 1, maxSeconds: 300 } },
];

export function deadLetterQueueOf(queue: string): string {
  return `${queue}-dlq`;
}
