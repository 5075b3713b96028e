import { JsonObject, JsonValue } from './asl/asl-types';
import { ExecutionRuntime } from './execution-runtime';

export enum ExecutionStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  TIMED_OUT = 'TIMED_OUT',
  /** Stopped by StopExecution; only Step Functions reports it, the embedded engine has no stop. */
  ABORTED = 'ABORTED',
}

export interface Execution {
  executionId: string;
  workflowName: string;
  /** Unique per workflow, as in Step Functions: starting the same name again returns this execution. */
  name: string;
  tenantId: string;
  status: ExecutionStatus;
  input: JsonValue;
  output: JsonValue | null;
  error: string | null;
  cause: string | null;
  runtime: ExecutionRuntime;
  startedAt: string;
  stoppedAt: string | null;
  /** From the definition's TimeoutSeconds; past it the execution times out. */
  deadlineAt: string | null;
  /** The trace id of whatever started it; its steps run (and log) under it. */
  traceId: string | null;
}

/** One entry of the execution history, named like Step Functions' history event types. */
export interface HistoryEvent {
  type: string;
  stateName?: string;
  details: JsonObject;
  timestamp: string;
}

export type ExecutionOutcome =
  | { status: ExecutionStatus.SUCCEEDED; output: JsonValue }
  | { status: ExecutionStatus.FAILED | ExecutionStatus.TIMED_OUT; error: string; cause: string };
