import { Execution, ExecutionStatus, HistoryEvent } from './execution';

export const EXECUTION_REPOSITORY = Symbol('EXECUTION_REPOSITORY');

export interface StoredHistoryEvent extends HistoryEvent {
  id: number;
}

export interface ExecutionListQuery {
  workflowName: string;
  name?: string;
  status?: ExecutionStatus;
  limit: number;
  cursor?: string;
}

export interface ExecutionPage {
  items: Execution[];
  nextCursor: string | null;
}

export interface SaveOptions {
  /** Give up the lease with this write: the run is over or waiting for a timer. */
  release: boolean;
  /** When a sleeping execution must run again; lets the recovery sweep tell "asleep" from "stuck". */
  wakeAt?: Date;
}

/**
 * Durable execution state and history. Writes are fenced by a lease so that two
 * workers never advance the same execution at once, and history is appended in
 * the same statement as the state it led to.
 */
export interface ExecutionRepository {
  /** Inserts a new execution; if its name is taken in that workflow, returns the existing one instead. */
  create(execution: Execution, events: HistoryEvent[]): Promise<{ execution: Execution; created: boolean }>;
  findById(executionId: string): Promise<(Execution & { eventCount: number }) | null>;
  /** A tenant's executions of one workflow, newest first. */
  list(tenantId: string, query: ExecutionListQuery): Promise<ExecutionPage>;
  history(executionId: string, page: { afterId: number; limit: number }): Promise<StoredHistoryEvent[]>;
  /** Takes the lease when it is free or expired; null when the execution is not running or is leased elsewhere. */
  acquire(executionId: string, owner: string, leaseSeconds: number): Promise<(Execution & { eventCount: number }) | null>;
  renew(executionId: string, owner: string, leaseSeconds: number): Promise<boolean>;
  /** Persists state and appends events; throws LeaseLostError when `owner` no longer holds the lease. */
  save(execution: Execution & { eventCount: number }, events: HistoryEvent[], owner: string, options: SaveOptions): Promise<void>;
  /** Running executions nobody has touched for a while and that are not asleep: a crashed worker's. */
  stalled(idleSeconds: number, limit: number): Promise<string[]>;
}

export class LeaseLostError extends Error {
  constructor(executionId: string) {
    super(`Lost the lease on execution ${executionId}; another worker took it over`);
  }
}
