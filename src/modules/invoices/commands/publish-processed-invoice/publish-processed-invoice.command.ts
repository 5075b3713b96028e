import { WorkflowTask } from '../../../workflow';
import { InvoiceTaskCommand } from '../invoice-task';

export interface PublishedInvoice {
  status: 'COMPLETED' | 'NEEDS_REVIEW';
  processedKey: string;
  lakeKey: string;
}

/** Writes the processed invoice to the processed store and its lines to the lake, then completes it. */
@WorkflowTask('PublishProcessedInvoice', { idempotent: true })
export class PublishProcessedInvoiceCommand extends InvoiceTaskCommand<PublishedInvoice> {}
