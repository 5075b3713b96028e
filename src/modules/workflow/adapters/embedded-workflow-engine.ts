import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ConflictError, NotFoundError } from '../../../common/errors/application-errors';
import { currentTraceId } from '../../../common/tracing/trace-context';
import { ExecutionRunner } from '../application/execution-runner';
import { WorkflowRegistry } from '../application/workflow-registry';
import { Execution, ExecutionStatus, HistoryEvent } from '../domain/execution';
import { EXECUTION_REPOSITORY, ExecutionListQuery, ExecutionPage, ExecutionRepository, StoredHistoryEvent } from '../domain/execution-repository.port';
import { Interpreter } from '../domain/interpreter';
import { StartedExecution, StartRequest, WorkflowEngine } from '../domain/workflow-engine.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The durable interpreter: executions and their history live in Postgres, workers drive them through the queue. */
@Injectable()
export class EmbeddedWorkflowEngine implements WorkflowEngine {
  constructor(
    @Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository,
    private readonly registry: WorkflowRegistry,
    private readonly runner: ExecutionRunner,
  ) {}

  async start({ tenantId, workflowName, name, input }: StartRequest): Promise<StartedExecution> {
    const { definition } = this.registry.get(workflowName);
    const now = new Date();
    const executionId = randomUUID();
    const meta = { executionId, workflowName, name, input, startedAt: now.toISOString() };
    const events: HistoryEvent[] = [];
    const runtime = new Interpreter(definition, meta, { now: () => now }).start({
      emit: (e) => events.push({ ...e, timestamp: now.toISOString() }),
      checkpoint: async () => undefined,
    });
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
      traceId: currentTraceId() ?? null,
    };
    const { execution, created } = await this.executions.create(candidate, events);
    if (!created && (execution.tenantId !== tenantId || !isDeepStrictEqual(execution.input, input))) {
      throw new ConflictError(`Execution ${name} of ${workflowName} already exists with a different input`);
    }
    // Also when it already existed: a crash may have come between its insert and this message.
    if (execution.status === ExecutionStatus.RUNNING) await this.runner.schedule(execution.executionId);
    return { executionId: execution.executionId, workflowName, name: execution.name, startedAt: execution.startedAt, created };
  }

  async get(tenantId: string, executionId: string): Promise<Execution> {
    const execution = UUID.test(executionId) ? await this.executions.findById(executionId) : null;
    if (!execution || execution.tenantId !== tenantId) throw new NotFoundError(`Execution ${executionId} does not exist`);
    return execution;
  }

  async list(tenantId: string, query: ExecutionListQuery): Promise<ExecutionPage> {
    this.registry.get(query.workflowName);
    return this.executions.list(tenantId, query);
  }

  async history(tenantId: string, executionId: string, page: { afterId: number; limit: number }): Promise<StoredHistoryEvent[]> {
    await this.get(tenantId, executionId);
    return this.executions.history(executionId, page);
  }
}
