/**
 * RECEIVED (stored, waiting for the pipeline) → PROCESSING (a workflow execution owns it)
 * → COMPLETED, or NEEDS_REVIEW (a person must confirm matches or totals) → COMPLETED.
 * FAILED carries a readable failureReason; a new execution may pick a FAILED invoice up again.
 */
export enum InvoiceStatus {
  RECEIVED = 'RECEIVED',
  PROCESSING = 'PROCESSING',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
