import { changeQueueOf } from '../change-feed/change-subscriber';
/** Per-queue delivery policy; SQS gets the same values from the CDK stack. */
export interface QueueDefinition {
  name: string;
  visibilityTimeoutSeconds: number;
  /** Deliveries before the message moves to `${name}-dlq`. */
  maxAttempts: number;
  backoff: { initialSeconds: number; maxSeconds: number };
  /**
   * Messages carry a group id (SendOptions.groupId) and are delivered one group member at a
   * time, in send order; on AWS this is an SQS FIFO queue named `${name}.fifo`.
   */
  ordered?: boolean;
}

export const ORDER_PROCESSING_QUEUE = 'order-processing';
export const WORKFLOW_QUEUE = 'workflow-steps';
/** `{ tenantId, invoiceId }` for each new invoice; its consumer starts the invoice-processing workflow. */
export const INVOICE_PROCESSING_QUEUE = 'invoice-processing';
/** `{ tenantId, jobId }` for each admin reindex of a tenant's search index. */
export const SEARCH_REINDEX_QUEUE = 'search-reindex';

/** `{ date?: 'YYYY-MM-DD', tenantId?: string }`: builds a day's sales reports (default: the day before the cron fire). */
export const SALES_REPORTS_QUEUE = 'sales-reports';
/** `{ tenantId, jobId }` for each analytics report run as a job. */
export const ANALYTICS_REPORTS_QUEUE = 'analytics-reports';

/** Subscribers of the product and order change feed; each reads its own ordered queue (see change-subscriber.ts). */
export const SEARCH_CHANGE_SUBSCRIBER = 'search';
export const LAKE_CHANGE_SUBSCRIBER = 'lake';
/** Records a sale for each line of an order that reaches COMPLETED. */
export const SALES_CHANGE_SUBSCRIBER = 'sales';
export const CHANGE_SUBSCRIBERS = [SEARCH_CHANGE_SUBSCRIBER, LAKE_CHANGE_SUBSCRIBER, SALES_CHANGE_SUBSCRIBER] as const;

export const QUEUE_DEFINITIONS: readonly QueueDefinition[] = [
  { name: ORDER_PROCESSING_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 5, backoff: { initialSeconds: 1, maxSeconds: 300 } },
  // Starting a workflow is quick: the slow OCR runs in the workflow's own steps, not under this message.
  { name: INVOICE_PROCESSING_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 5, backoff: { initialSeconds: 1, maxSeconds: 300 } },
  // Longer than the Athena query timeout (ATHENA_QUERY_TIMEOUT_SECONDS, at most 1800), so a running report is not redelivered.
  { name: ANALYTICS_REPORTS_QUEUE, visibilityTimeoutSeconds: 1900, maxAttempts: 3, backoff: { initialSeconds: 5, maxSeconds: 300 } },
  { name: WORKFLOW_QUEUE, visibilityTimeoutSeconds: 300, maxAttempts: 10, backoff: { initialSeconds: 1, maxSeconds: 300 } },
  // A reindex reads the whole catalog and order book of a tenant: minutes at 100k products. A redelivery starts it over.
  { name: SEARCH_REINDEX_QUEUE, visibilityTimeoutSeconds: 900, maxAttempts: 3, backoff: { initialSeconds: 30, maxSeconds: 300 } },
  // A day of a large tenant's sales is read, encoded and written in one go: allow it time.
  { name: SALES_REPORTS_QUEUE, visibilityTimeoutSeconds: 900, maxAttempts: 5, backoff: { initialSeconds: 30, maxSeconds: 900 } },
  // A failing change batch holds back later changes of its group (as a stream shard would), so it
  // retries fast and often before it is dead-lettered; and a batch takes a few seconds at most, so a
  // short visibility timeout bounds how long a crashed consumer's batch holds its group.
  ...CHANGE_SUBSCRIBERS.map((subscriber) => ({
    name: changeQueueOf(subscriber),
    visibilityTimeoutSeconds: 60,
    maxAttempts: 20,
    backoff: { initialSeconds: 1, maxSeconds: 60 },
    ordered: true,
  })),
];

export function deadLetterQueueOf(queue: string): string {
  return `${queue}-dlq`;
}
