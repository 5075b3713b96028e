import { WorkflowModule } from '../../workflow';
import definition from './order-fulfilment.asl.json';
import { ORDER_FULFILMENT_WORKFLOW } from './order-processing.message';

/** Registers order-fulfilment.asl.json with the workflow engine; the CDK deploys the same file to Step Functions. */
export const OrderFulfilmentWorkflow = WorkflowModule.forFeature([{ name: ORDER_FULFILMENT_WORKFLOW, definition }]);
