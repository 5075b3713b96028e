import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface PublishedInvoice {
  status: 'COMPLETED' | 'NEEDS_REVIEW';
  processedKey: string;
  lakeKey: string;
}

/** Writes the processed invoice to the processed store and its lines to the lake, then completes it. */
@WorkflowTask('PublishProcessedInvoice', { idempotent: true })
export class PublishProcessedInvoiceCommand extends WorkflowTaskCommand<PublishedInvoice> {}
