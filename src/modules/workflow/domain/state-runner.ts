import { ContextObject, JsonValue, State, TaskState, WaitState } from './asl/asl-types';
import { evaluateChoice, isTimestamp } from './asl/choice-rules';
import { StatesError, StatesErrorName, toStatesError } from './asl/errors';
import { mapItemInput, mapItems, passStateResult, passThrough, processInput, processOutput, selectPath } from './asl/input-output';
import { readPath } from './asl/json-path';
import { Frame } from './execution-runtime';
import type { EventSink, TaskInvoker } from './interpreter';
import { TaskContext } from './workflow-task';

export type StateResult =
  | { kind: 'next'; next: string; output: JsonValue }
  | { kind: 'end'; output: JsonValue }
  | { kind: 'sleep'; until: Date }
  | { kind: 'fork'; inputs: JsonValue[] }
  /** A Fail state: its error skips Retry and Catch. */
  | { kind: 'fail'; error: StatesError };

export interface StateRunContext {
  context: ContextObject;
  now: Date;
  tasks: TaskInvoker;
  taskContext: TaskContext;
  sink: EventSink;
}

export function nextOf(state: State): string | undefined {
  if ('End' in state && state.End) return undefined;
  return 'Next' in state ? state.Next : undefined;
}

function transition(state: State, output: JsonValue): StateResult {
  const next = nextOf(state);
  return next === undefined ? { kind: 'end', output } : { kind: 'next', next, output };
}

/**
 * What one state computes from its raw input, per the States Language. Errors thrown
 * here are States errors that the interpreter routes through Retry and Catch.
 */
export async function runState(state: State, frame: Frame, run: StateRunContext): Promise<StateResult> {
  const ctx = { context: run.context };
  switch (state.Type) {
    case 'Pass':
      return transition(state, processOutput(state, frame.input, passStateResult(state, processInput(state, frame.input, ctx)), ctx));
    case 'Choice': {
      const effective = selectPath(frame.input, state.InputPath, ctx);
      return { kind: 'next', next: evaluateChoice(state, effective, run.context), output: selectPath(effective, state.OutputPath, ctx) };
    }
    case 'Succeed':
      return { kind: 'end', output: passThrough(state, frame.input, ctx) };
    case 'Fail':
      return { kind: 'fail', error: failStateError(state, frame.input, run.context) };
    case 'Wait':
      if (frame.phase.kind === 'sleeping') return transition(state, passThrough(state, frame.input, ctx));
      return { kind: 'sleep', until: waitUntil(state, processInput(state, frame.input, ctx), run.now) };
    case 'Task':
      return transition(state, processOutput(state, frame.input, await runTask(state, frame, run), ctx));
    case 'Parallel':
      return { kind: 'fork', inputs: state.Branches.map(() => processInput(state, frame.input, ctx)) };
    case 'Map': {
      const effective = processInput(state, frame.input, ctx);
      return { kind: 'fork', inputs: mapItems(state, effective, ctx).map((item, i) => mapItemInput(state, effective, item, i, ctx)) };
    }
  }
}

/** The output of a Parallel or Map state once every branch or iteration has finished. */
export function branchOutput(state: State, rawInput: JsonValue, results: JsonValue[], context: ContextObject): JsonValue {
  return processOutput(state, rawInput, results, { context });
}

async function runTask(state: TaskState, frame: Frame, run: StateRunContext): Promise<JsonValue> {
  const ctx = { context: run.context };
  const input = processInput(state, frame.input, ctx);
  const timeoutSeconds = state.TimeoutSecondsPath ? Number(readPath(input, state.TimeoutSecondsPath)) : state.TimeoutSeconds;
  const idempotent = run.tasks.isIdempotent(state.Resource);
  run.sink.emit({ type: 'TaskScheduled', stateName: frame.state, details: { resource: state.Resource, parameters: input, attempt: run.taskContext.attempt } });
  if (!idempotent) {
    // Persisted before the call, so a crash during it is detected instead of repeating the task.
    frame.phase = { kind: 'running-task', attempt: run.taskContext.attempt };
    await run.sink.checkpoint();
  }
  run.sink.emit({ type: 'TaskStarted', stateName: frame.state, details: { resource: state.Resource } });
  try {
    const output = await run.tasks.invoke(state.Resource, input, run.taskContext, timeoutSeconds);
    run.sink.emit({ type: 'TaskSucceeded', stateName: frame.state, details: { resource: state.Resource, output } });
    return output;
  } catch (thrown) {
    const error = toStatesError(thrown);
    const type = error.error === StatesErrorName.Timeout ? 'TaskTimedOut' : 'TaskFailed';
    run.sink.emit({ type, stateName: frame.state, details: { resource: state.Resource, error: error.error, cause: error.cause ?? '' } });
    throw error;
  }
}

function waitUntil(state: WaitState, input: JsonValue, now: Date): Date {
  if (state.Seconds !== undefined) return new Date(now.getTime() + state.Seconds * 1000);
  if (state.Timestamp !== undefined) return new Date(state.Timestamp);
  if (state.SecondsPath !== undefined) {
    const seconds = readPath(input, state.SecondsPath);
    if (typeof seconds !== 'number' || seconds < 0) throw new StatesError(StatesErrorName.Runtime, `SecondsPath ${state.SecondsPath} is not a non-negative number`);
    return new Date(now.getTime() + seconds * 1000);
  }
  const timestamp = readPath(input, state.TimestampPath!);
  if (!isTimestamp(timestamp)) throw new StatesError(StatesErrorName.Runtime, `TimestampPath ${state.TimestampPath} is not an RFC 3339 timestamp`);
  return new Date(timestamp);
}

function failStateError(state: Extract<State, { Type: 'Fail' }>, input: JsonValue, context: ContextObject): StatesError {
  const pick = (literal?: string, path?: string) => (path ? String(readPath(input, path, context)) : literal);
  return new StatesError(pick(state.Error, state.ErrorPath) ?? 'States.Fail', pick(state.Cause, state.CausePath));
}
