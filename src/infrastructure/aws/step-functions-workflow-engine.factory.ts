import { SFNClient } from '@aws-sdk/client-sfn';
import type { AppConfig } from '../../config/app-config';
import type { WorkflowRegistry } from '../../modules/workflow/application/workflow-registry';
import { StepFunctionsWorkflowEngine } from './step-functions-workflow-engine';

export function createStepFunctionsWorkflowEngine(aws: AppConfig['aws'], registry: WorkflowRegistry): StepFunctionsWorkflowEngine {
  if (!aws.stateMachineArnPrefix) throw new Error('STATE_MACHINE_ARN_PREFIX is required when WORKFLOW_ENGINE=step-functions');
  const client = new SFNClient({ region: aws.region, endpoint: aws.sfnEndpoint });
  return new StepFunctionsWorkflowEngine(client, registry, { stateMachineArnPrefix: aws.stateMachineArnPrefix });
}
