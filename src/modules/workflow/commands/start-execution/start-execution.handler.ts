import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../../common/errors/application-errors';
import { ExecutionRunner } from '../../application/execution-runner';
import { WorkflowRegistry } from '../../application/workflow-registry';
import { Execution, ExecutionStatus, HistoryEvent } from '../../domain/execution';
import { EXECUTION_REPOSITORY, ExecutionRepository } from '../../domain/execution-repository.port';
import { Interpreter } from '../../domain/interpreter';
import { StartExecutionCommand, StartExecutionResult } from './start-execution.command';

@CommandHandler(StartExecutionCommand)
export class StartExecutionHandler implements ICommandHandler<StartExecutionCommand> {
  constructor(
    @Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository,
    private readonly registry: WorkflowRegistry,
    private readonly runner: ExecutionRunner,
  ) {}

  async execute({ tenantId, workflowName, input, name }: StartExecutionCommand): Promise<StartExecutionResult> {
    const { definition } = this.registry.get(workflowName);
    const now = new Date();
    const executionId = randomUUID();
    const meta = { executionId, workflowName, name: name ?? executionId, input, startedAt: now.toISOString() };
    const events: HistoryEvent[] = [];
    const interpreter = new Interpreter(definition, meta, { now: () => now });
    const runtime = interpreter.start({ emit: (e) => events.push({ ...e, timestamp: now.toISOString() }), checkpoint: async () => undefined });
    const candidate: Execution = {
      ...meta,
      tenantId,
      status: ExecutionStatus.RUNNING,
      output: null,
      error: null,
      cause: null,
      runtime,
      stoppedAt: null,
      deadlineAt: definition.TimeoutSeconds ? new Date(now.getTime() + definition.TimeoutSeconds * 1000).toISOString() : null,
    };
    const { execution, created } = await this.executions.create(candidate, events);
    if (!created && (execution.tenantId !== tenantId || !isDeepStrictEqual(execution.input, input))) {
      throw new ConflictError(`Execution ${meta.name} of ${workflowName} already exists with a different input`);
    }
    // Also when it already existed: a crash may have come between its insert and this message.
    if (execution.status === ExecutionStatus.RUNNING) await this.runner.schedule(execution.executionId);
    return { executionId: execution.executionId, workflowName, name: execution.name, startedAt: execution.startedAt, created };
  }
}
