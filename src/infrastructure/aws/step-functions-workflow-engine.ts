import {
  DescribeExecutionCommand,
  DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionListItem,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidExecutionInput,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors/application-errors';
import { currentTraceId, xrayTraceHeader } from '../../common/tracing/trace-context';
import { WorkflowRegistry } from '../../modules/workflow/application/workflow-registry';
import { JsonObject, JsonValue } from '../../modules/workflow/domain/asl/asl-types';
import { ExecutionStatus } from '../../modules/workflow/domain/execution';
import { ExecutionListQuery, StoredHistoryEvent } from '../../modules/workflow/domain/execution-repository.port';
import { ExecutionView, ExecutionViewPage, StartedExecution, StartRequest, WorkflowEngine } from '../../modules/workflow/domain/workflow-engine.port';
import { ExecutionRef, StepFunctionsExecutionIds } from './step-functions-execution-ids';
import { parseJson, toHistoryEvent } from './step-functions-history';

export interface StepFunctionsEngineOptions {
  /** A workflow's state machine ARN is this prefix + its name. */
  stateMachineArnPrefix: string;
  now?: () => number;
}

/**
 * StartExecution hands a still-running execution of the same name and input back with its
 * original startDate, indistinguishable from a new one. A start date older than the request
 * (less this allowance for clock skew) means it already existed; a duplicate sent within the
 * allowance is reported as created, which only changes 201 into 200.
 */
const CLOCK_SKEW_MS = 1_000;
/** ListExecutions calls one list request may make while skipping other tenants' executions. */
const MAX_LIST_CALLS = 10;
const MAX_HISTORY_PAGE = 1_000;

const STATUS: Record<string, ExecutionStatus> = {
  RUNNING: ExecutionStatus.RUNNING,
  // A redrive was asked for: the execution is about to run again.
  PENDING_REDRIVE: ExecutionStatus.RUNNING,
  SUCCEEDED: ExecutionStatus.SUCCEEDED,
  FAILED: ExecutionStatus.FAILED,
  TIMED_OUT: ExecutionStatus.TIMED_OUT,
  ABORTED: ExecutionStatus.ABORTED,
};

/**
 * Runs the workflows on AWS Step Functions (Standard state machines deployed from the same
 * ASL files). Tenancy lives in the execution name (see StepFunctionsExecutionIds) and in the
 * input's `tenantId`, which the task Lambdas read; every read checks the name first, so
 * another tenant's execution is not found without asking AWS.
 */
export class StepFunctionsWorkflowEngine implements WorkflowEngine {
  private readonly ids: StepFunctionsExecutionIds;
  private readonly now: () => number;

  constructor(
    private readonly client: SFNClient,
    private readonly registry: WorkflowRegistry,
    options: StepFunctionsEngineOptions,
  ) {
    this.ids = new StepFunctionsExecutionIds(options.stateMachineArnPrefix);
    this.now = options.now ?? Date.now;
  }

  async start({ tenantId, workflowName, name, input }: StartRequest): Promise<StartedExecution> {
    this.registry.get(workflowName);
    const executionName = this.ids.executionName(tenantId, name);
    const body = canonicalJson(withTenant(tenantId, input));
    const sentAt = this.now();
    try {
      // The X-Ray header reaches each task Lambda as _X_AMZN_TRACE_ID, where the trace id is restored.
      const traceId = currentTraceId();
      const traceHeader = traceId ? xrayTraceHeader(traceId) : undefined;
      const started = await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.ids.stateMachineArn(workflowName), name: executionName, input: body, traceHeader }),
      );
      const startDate = started.startDate!;
      return { executionId: this.ids.encode(started.executionArn!), workflowName, name, startedAt: startDate.toISOString(), created: startDate.getTime() >= sentAt - CLOCK_SKEW_MS };
    } catch (error) {
      // Raised for a different input, and for any input once the execution has closed.
      if (!(error instanceof ExecutionAlreadyExists)) throw translate(error, `Workflow ${workflowName}`);
    }
    const executionArn = this.ids.executionArn(workflowName, executionName);
    const existing = await this.describe(executionArn, name);
    if (canonicalJson(parseJson(existing.input)) !== body) {
      throw new ConflictError(`Execution ${name} of ${workflowName} already exists with a different input`);
    }
    return { executionId: this.ids.encode(executionArn), workflowName, name, startedAt: existing.startDate!.toISOString(), created: false };
  }

  async get(tenantId: string, executionId: string): Promise<ExecutionView> {
    const ref = this.ids.decode(tenantId, executionId);
    if (!ref) throw new NotFoundError(`Execution ${executionId} does not exist`);
    return this.toView(tenantId, ref, await this.describe(ref.executionArn, executionId));
  }

  async list(tenantId: string, { workflowName, name, status, limit, cursor }: ExecutionListQuery): Promise<ExecutionViewPage> {
    this.registry.get(workflowName);
    const prefix = this.ids.tenantPrefix(tenantId);
    if (!prefix) return { items: [], nextCursor: null };
    if (name !== undefined) return this.findByName(tenantId, workflowName, name, status);
    const items: ExecutionView[] = [];
    let nextToken = cursor;
    // Other tenants' executions are skipped, so a page may come back short, even empty, with
    // a cursor. Each request asks only for what is missing, so no execution is read and lost.
    for (let calls = 0; calls < MAX_LIST_CALLS && items.length < limit; calls++) {
      const request = { stateMachineArn: this.ids.stateMachineArn(workflowName), statusFilter: status, maxResults: limit - items.length, nextToken };
      const page = await this.call(`Workflow ${workflowName}`, () => this.client.send(new ListExecutionsCommand(request)));
      for (const item of page.executions ?? []) {
        if (item.name!.startsWith(prefix)) items.push(this.summary(tenantId, workflowName, prefix, item));
      }
      nextToken = page.nextToken;
      if (!nextToken) break;
    }
    return { items, nextCursor: nextToken ?? null };
  }

  async history(tenantId: string, executionId: string, { afterId, limit }: { afterId: number; limit: number }): Promise<StoredHistoryEvent[]> {
    const ref = this.ids.decode(tenantId, executionId);
    if (!ref) throw new NotFoundError(`Execution ${executionId} does not exist`);
    const events: StoredHistoryEvent[] = [];
    let nextToken: string | undefined;
    let read = 0;
    // History has no "after id" parameter: read from the start. Ids run 1, 2, 3…, so
    // asking for afterId + limit events in all fetches exactly what is needed.
    do {
      const maxResults = Math.min(MAX_HISTORY_PAGE, Math.max(afterId + limit - read, limit - events.length));
      const request = { executionArn: ref.executionArn, maxResults, nextToken, includeExecutionData: true };
      const page = await this.call(`Execution ${executionId}`, () => this.client.send(new GetExecutionHistoryCommand(request)));
      for (const event of page.events ?? []) {
        read++;
        if (event.id! > afterId && events.length < limit) events.push(toHistoryEvent(event));
      }
      nextToken = page.nextToken;
    } while (nextToken && events.length < limit);
    return events;
  }

  private async findByName(tenantId: string, workflowName: string, name: string, status?: ExecutionStatus): Promise<ExecutionViewPage> {
    let executionName: string;
    try {
      executionName = this.ids.executionName(tenantId, name);
    } catch {
      return { items: [], nextCursor: null }; // a name no execution here can have
    }
    const ref: ExecutionRef = { executionArn: this.ids.executionArn(workflowName, executionName), workflowName, name };
    const found = await this.describe(ref.executionArn, name).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    const view = found && this.toView(tenantId, ref, found);
    return { items: view && (!status || view.status === status) ? [view] : [], nextCursor: null };
  }

  private describe(executionArn: string, label: string): Promise<DescribeExecutionCommandOutput> {
    return this.call(`Execution ${label}`, () => this.client.send(new DescribeExecutionCommand({ executionArn })));
  }

  /** Runs one SDK request, turning the errors callers can act on into application errors. */
  private async call<T>(subject: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw translate(error, subject);
    }
  }

  private toView(tenantId: string, ref: ExecutionRef, d: DescribeExecutionCommandOutput): ExecutionView {
    return {
      executionId: this.ids.encode(ref.executionArn),
      workflowName: ref.workflowName,
      name: ref.name,
      tenantId,
      status: STATUS[d.status!],
      input: parseJson(d.input),
      output: d.output === undefined ? null : parseJson(d.output),
      error: d.error ?? null,
      cause: d.cause ?? null,
      startedAt: d.startDate!.toISOString(),
      stoppedAt: d.stopDate?.toISOString() ?? null,
    };
  }

  /** ListExecutions carries no input, output or error: GET the execution for those. */
  private summary(tenantId: string, workflowName: string, prefix: string, item: ExecutionListItem): ExecutionView {
    return {
      executionId: this.ids.encode(item.executionArn!),
      workflowName,
      name: item.name!.slice(prefix.length),
      tenantId,
      status: STATUS[item.status!],
      input: null,
      output: null,
      error: null,
      cause: null,
      startedAt: item.startDate!.toISOString(),
      stoppedAt: item.stopDate?.toISOString() ?? null,
    };
  }
}

/**
 * The task Lambdas see only their state's input, so the execution input must say whose it
 * is. It may name the caller's tenant or leave it out; naming another tenant is refused.
 */
function withTenant(tenantId: string, input: JsonValue): JsonObject {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidInputError('On Step Functions the execution input must be a JSON object: it carries the tenantId');
  }
  if (input.tenantId !== undefined && input.tenantId !== tenantId) throw new InvalidInputError('input.tenantId must be the caller’s tenant');
  return { ...input, tenantId };
}

/** Sorted keys: Step Functions compares inputs as text, the engine port as JSON values. */
function canonicalJson(value: JsonValue): string {
  return JSON.stringify(value, (_key, v: JsonValue) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function translate(error: unknown, subject: string): unknown {
  if (error instanceof ExecutionDoesNotExist || error instanceof InvalidArn) return new NotFoundError(`${subject} does not exist`);
  if (error instanceof StateMachineDoesNotExist) return new NotFoundError(`${subject} is not deployed to Step Functions`);
  if (error instanceof InvalidExecutionInput || error instanceof InvalidName) return new InvalidInputError(error.message);
  if (error instanceof InvalidToken) return new InvalidInputError('The cursor is invalid or has expired');
  return error;
}
