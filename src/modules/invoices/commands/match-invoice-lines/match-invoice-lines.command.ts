import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface InvoiceMatchSummary {
  matched: number;
  review: number;
}

/** Matches every line to a catalog SKU through the Matching module and records the results on the invoice. */
@WorkflowTask('MatchInvoiceLines', { idempotent: true })
export class MatchInvoiceLinesTaskCommand extends WorkflowTaskCommand<InvoiceMatchSummary> {}
