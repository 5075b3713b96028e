import { WorkflowTask } from '../../../workflow';
import { InvoiceTaskCommand } from '../invoice-task';

export interface InvoiceMatchSummary {
  matched: number;
  review: number;
}

/** Matches every line to a catalog SKU through the Matching module and records the results on the invoice. */
@WorkflowTask('MatchInvoiceLines', { idempotent: true })
export class MatchInvoiceLinesTaskCommand extends InvoiceTaskCommand<InvoiceMatchSummary> {}
