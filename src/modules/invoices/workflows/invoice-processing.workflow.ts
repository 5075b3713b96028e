import { WorkflowModule } from '../../workflow';
import definition from './invoice-processing.asl.json';
import { INVOICE_PROCESSING_WORKFLOW } from './invoice-processing.message';

/** Registers invoice-processing.asl.json with the workflow engine; the CDK deploys the same file to Step Functions. */
export const InvoiceProcessingWorkflow = WorkflowModule.forFeature([{ name: INVOICE_PROCESSING_WORKFLOW, definition }]);
