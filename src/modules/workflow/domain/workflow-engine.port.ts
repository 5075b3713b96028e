import { JsonValue } from './asl/asl-types';
import { Execution } from './execution';
import { ExecutionListQuery, StoredHistoryEvent } from './execution-repository.port';

export const WORKFLOW_ENGINE = Symbol('WORKFLOW_ENGINE');

export interface StartRequest {
  tenantId: string;
  workflowName: string;
  /** Unique per workflow; the same name with the same input returns the existing execution. */
  name: string;
  input: JsonValue;
}

export interface StartedExecution {
  executionId: string;
  workflowName: string;
  name: string;
  startedAt: string;
  /** False when an execution with this name already existed and was returned instead. */
  created: boolean;
}

/** An execution as callers see it: the embedded interpreter's runtime state is not part of it. */
export type ExecutionView = Omit<Execution, 'runtime' | 'deadlineAt' | 'traceId'>;

export interface ExecutionViewPage {
  items: ExecutionView[];
  nextCursor: string | null;
}

/**
 * Runs ASL workflows: the embedded durable interpreter by default, AWS Step Functions
 * at scale. Every read is tenant-scoped: another tenant's execution is not found.
 */
export interface WorkflowEngine {
  start(request: StartRequest): Promise<StartedExecution>;
  get(tenantId: string, executionId: string): Promise<ExecutionView>;
  list(tenantId: string, query: ExecutionListQuery): Promise<ExecutionViewPage>;
  history(tenantId: string, executionId: string, page: { afterId: number; limit: number }): Promise<StoredHistoryEvent[]>;
}
