import { Command } from '@nestjs/cqrs';
import { JsonValue } from '../../domain/asl/asl-types';

export interface StartExecutionResult {
  executionId: string;
  workflowName: string;
  name: string;
  startedAt: string;
  /** False when an execution with this name already existed and was returned instead. */
  created: boolean;
}

/**
 * Starts a workflow execution. Like Step Functions' StartExecution, the name is the
 * idempotency key: starting the same name with the same input returns the first execution.
 */
export class StartExecutionCommand extends Command<StartExecutionResult> {
  constructor(
    readonly tenantId: string,
    readonly workflowName: string,
    readonly input: JsonValue,
    readonly name?: string,
  ) {
    super();
  }
}
