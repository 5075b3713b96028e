import { Command } from '@nestjs/cqrs';
import { JsonValue } from '../../domain/asl/asl-types';
import type { StartedExecution } from '../../domain/workflow-engine.port';

export type { StartedExecution as StartExecutionResult } from '../../domain/workflow-engine.port';

/**
 * Starts a workflow execution. Like Step Functions' StartExecution, the name is the
 * idempotency key: starting the same name with the same input returns the first execution.
 */
export class StartExecutionCommand extends Command<StartedExecution> {
  constructor(
    readonly tenantId: string,
    readonly workflowName: string,
    readonly input: JsonValue,
    readonly name?: string,
  ) {
    super();
  }
}
