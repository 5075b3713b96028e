import { Command, ICommand } from '@nestjs/cqrs';
import { JsonObject, JsonValue } from './asl/asl-types';

/** What the engine hands a task besides its effective input. */
export interface TaskContext {
  executionId: string;
  stateName: string;
  /**
   * Stable across re-runs of the same state entry (crash recovery, Retry), so a
   * side effect keyed on it (a charge, an email) happens once.
   */
  idempotencyKey: string;
  /** 1 on the first try of this state entry; grows with each Retry. */
  attempt: number;
}

export interface WorkflowTaskOptions {
  /**
   * May the engine run the task again after a crash interrupted it? True only when
   * the handler is safe to repeat (it dedupes on TaskContext.idempotencyKey).
   */
  idempotent: boolean;
}

export type WorkflowTaskCommandType = new (input: JsonValue, context: TaskContext) => ICommand;

export interface RegisteredTask {
  resource: string;
  commandType: WorkflowTaskCommandType;
  options: WorkflowTaskOptions;
}

const TASKS = new Map<string, RegisteredTask>();

/**
 * Marks a CQRS command as the local implementation of a Task state. A definition
 * names it as `"Resource": "${<resource>}"`; on AWS, the CDK substitutes the same
 * placeholder with a Lambda ARN, so one ASL file serves both.
 * The command's result becomes the task's result; an error it throws is matched
 * by Retry/Catch on its `name`, as Step Functions does with a Lambda's errorType.
 */
export function WorkflowTask(resource: string, options: WorkflowTaskOptions): ClassDecorator {
  return (target) => {
    const existing = TASKS.get(resource);
    if (existing && existing.commandType !== (target as unknown)) {
      throw new Error(`Workflow task ${resource} is registered twice`);
    }
    TASKS.set(resource, { resource, commandType: target as unknown as WorkflowTaskCommandType, options });
  };
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9_.-]+)\}$/;

/** The task a Resource placeholder names, or undefined when nothing registered it. */
export function resolveTask(resource: string): RegisteredTask | undefined {
  const name = PLACEHOLDER.exec(resource)?.[1];
  return name ? TASKS.get(name) : undefined;
}

/** Every task resource a definition may reference locally. */
export function registeredTaskResources(): string[] {
  return [...TASKS.keys()];
}

/** Base of a task's command: the engine builds it from the state's effective input and the TaskContext. */
export abstract class WorkflowTaskCommand<Result> extends Command<Result> {
  constructor(
    readonly input: JsonValue,
    readonly context: TaskContext,
  ) {
    super();
  }
}

/**
 * The task input as an object, when it carries every field of `keys` as a non-empty string;
 * null otherwise, so each module raises its own named error.
 */
export function taskFields<K extends string>(input: JsonValue, keys: readonly K[]): (JsonObject & Record<K, string>) | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  return keys.every((k) => typeof input[k] === 'string' && input[k] !== '') ? (input as JsonObject & Record<K, string>) : null;
}
