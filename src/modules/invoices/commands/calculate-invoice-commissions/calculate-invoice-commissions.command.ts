import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface InvoiceCommissionSummary {
  /** Exact decimal text; null when there was nothing to compute (no supplier or no currency). */
  total: string | null;
  currency: string | null;
  skipped?: string;
}

/** Computes the supplier commission of every line through the Commissions module and records it. */
@WorkflowTask('CalculateInvoiceCommissions', { idempotent: true })
export class CalculateInvoiceCommissionsTaskCommand extends WorkflowTaskCommand<InvoiceCommissionSummary> {}
