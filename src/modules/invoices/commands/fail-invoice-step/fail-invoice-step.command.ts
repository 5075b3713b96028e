import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';
import type { InvoiceStatusResult } from '../invoice-status.result';

/** The workflow's Catch target: records why the pipeline gave up, from the caught `{ Error, Cause }`. */
@WorkflowTask('FailInvoice', { idempotent: true })
export class FailInvoiceStepCommand extends WorkflowTaskCommand<InvoiceStatusResult> {}
