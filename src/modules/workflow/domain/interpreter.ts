import { ContextObject, JsonValue, State, StateMachine } from './asl/asl-types';
import { decideCatch } from './asl/catch-policy';
import { StatesError, StatesErrorName, toStatesError } from './asl/errors';
import { decideRetry, recordRetry } from './asl/retry-policy';
import { ExecutionOutcome, ExecutionStatus, HistoryEvent } from './execution';
import { descendantsOf, ExecutionRuntime, Frame, scopeOf, stateOf } from './execution-runtime';
import { branchOutput, nextOf, runState, StateResult } from './state-runner';
import { TaskContext } from './workflow-task';

export interface ExecutionMeta {
  executionId: string;
  workflowName: string;
  name: string;
  input: JsonValue;
  startedAt: string;
}

export interface TaskInvoker {
  isIdempotent(resource: string): boolean;
  invoke(resource: string, input: JsonValue, context: TaskContext, timeoutSeconds?: number): Promise<JsonValue>;
}

export interface InterpreterDeps {
  now: () => Date;
  random?: () => number;
}

/** Receives history as it happens; `checkpoint` persists everything so far before a risky step. */
export interface EventSink {
  emit(event: Omit<HistoryEvent, 'timestamp'>): void;
  checkpoint(): Promise<void>;
}

const ROOT = 'root';

/**
 * Runs a state machine one state at a time over a persisted ExecutionRuntime. It owns
 * the control flow of the States Language (transitions, Retry, Catch, branches); what
 * each state type computes lives in state-runner.ts. The caller persists the runtime
 * after every `advance`, which is what makes an execution resumable after a crash.
 */
export class Interpreter {
  constructor(
    private readonly machine: StateMachine,
    private readonly meta: ExecutionMeta,
    private readonly deps: InterpreterDeps,
  ) {}

  start(sink: EventSink): ExecutionRuntime {
    const runtime: ExecutionRuntime = { frames: {}, nextFrameId: 1, nextEntry: 0 };
    sink.emit({ type: 'ExecutionStarted', details: { input: this.meta.input } });
    this.enter(runtime, sink, { id: ROOT, state: this.machine.StartAt, input: this.meta.input });
    return runtime;
  }

  /** A frame that can make progress now, if any. */
  runnable(runtime: ExecutionRuntime): Frame | undefined {
    const now = this.deps.now().getTime();
    return Object.values(runtime.frames).find(
      (f) => f.phase.kind === 'ready' || f.phase.kind === 'running-task' || (f.phase.kind === 'sleeping' && Date.parse(f.phase.until) <= now),
    );
  }

  /** When the earliest sleeping frame wakes up, or undefined when nothing sleeps. */
  nextWakeAt(runtime: ExecutionRuntime): Date | undefined {
    const times = Object.values(runtime.frames).flatMap((f) => (f.phase.kind === 'sleeping' ? [Date.parse(f.phase.until)] : []));
    return times.length ? new Date(Math.min(...times)) : undefined;
  }

  /** Moves one frame forward by one step. Returns the outcome once the whole execution has ended. */
  async advance(runtime: ExecutionRuntime, frame: Frame, sink: EventSink, tasks: TaskInvoker): Promise<ExecutionOutcome | undefined> {
    const state = stateOf(this.machine, runtime, frame);
    if (frame.phase.kind === 'running-task') {
      const error = new StatesError(StatesErrorName.TaskFailed, `Task ${frame.state} was interrupted by a crash; it is not idempotent, so it is not run again`);
      sink.emit({ type: 'TaskFailed', stateName: frame.state, details: { error: error.error, cause: error.cause ?? '' } });
      return this.fail(runtime, frame, state, error, sink, { retry: false });
    }
    let result: StateResult;
    try {
      result = await runState(state, frame, {
        context: this.contextFor(frame),
        now: this.deps.now(),
        tasks,
        taskContext: this.taskContext(frame),
        sink,
      });
    } catch (thrown) {
      return this.fail(runtime, frame, state, toStatesError(thrown), sink);
    }
    switch (result.kind) {
      case 'sleep':
        frame.phase = { kind: 'sleeping', until: result.until.toISOString(), then: 'exit-wait' };
        return undefined;
      case 'fork':
        return this.fork(runtime, frame, state, result.inputs, sink);
      case 'fail':
        return this.fail(runtime, frame, state, result.error, sink, { retry: false, catch: false });
      case 'next':
        return this.exit(runtime, frame, state, result.output, sink, result.next);
      case 'end':
        return this.exit(runtime, frame, state, result.output, sink);
    }
  }

  private enter(runtime: ExecutionRuntime, sink: EventSink, at: { id: string; state: string; input: JsonValue; parent?: Frame['parent'] }): Frame {
    const frame: Frame = {
      ...at,
      enteredAt: this.deps.now().toISOString(),
      entry: runtime.nextEntry++,
      retryCounts: [],
      phase: { kind: 'ready' },
    };
    runtime.frames[frame.id] = frame;
    const state = stateOf(this.machine, runtime, frame);
    sink.emit({ type: `${state.Type}StateEntered`, stateName: frame.state, details: { input: frame.input } });
    return frame;
  }

  private exit(runtime: ExecutionRuntime, frame: Frame, state: State, output: JsonValue, sink: EventSink, next?: string): ExecutionOutcome | undefined {
    sink.emit({ type: `${state.Type}StateExited`, stateName: frame.state, details: { output } });
    if (next !== undefined) {
      this.enter(runtime, sink, { id: frame.id, parent: frame.parent, state: next, input: output });
      return undefined;
    }
    return this.frameEnded(runtime, frame, output, sink);
  }

  private frameEnded(runtime: ExecutionRuntime, frame: Frame, output: JsonValue, sink: EventSink): ExecutionOutcome | undefined {
    delete runtime.frames[frame.id];
    if (!frame.parent) {
      sink.emit({ type: 'ExecutionSucceeded', details: { output } });
      return { status: ExecutionStatus.SUCCEEDED, output };
    }
    const parent = runtime.frames[frame.parent.frameId];
    if (parent.phase.kind !== 'joining') throw new Error(`Frame ${parent.id} is not waiting for its branches`);
    parent.phase.results[frame.parent.index] = output;
    parent.phase.remaining -= 1;
    if (parent.phase.remaining > 0) return undefined;
    const parentState = stateOf(this.machine, runtime, parent);
    sink.emit({ type: `${parentState.Type}StateSucceeded`, stateName: parent.state, details: {} });
    return this.complete(runtime, parent, parentState, parent.phase.results as JsonValue[], sink);
  }

  /** Finishes a Parallel/Map state with its branch results, applying ResultSelector/ResultPath/OutputPath. */
  private complete(runtime: ExecutionRuntime, frame: Frame, state: State, results: JsonValue[], sink: EventSink) {
    frame.phase = { kind: 'ready' };
    let output: JsonValue;
    try {
      output = branchOutput(state, frame.input, results, this.contextFor(frame));
    } catch (thrown) {
      return this.fail(runtime, frame, state, toStatesError(thrown), sink);
    }
    return this.exit(runtime, frame, state, output, sink, nextOf(state));
  }

  private fork(runtime: ExecutionRuntime, frame: Frame, state: State, inputs: JsonValue[], sink: EventSink) {
    sink.emit({ type: `${state.Type}StateStarted`, stateName: frame.state, details: { length: inputs.length } });
    if (inputs.length === 0) return this.complete(runtime, frame, state, [], sink);
    const children = inputs.map(() => `${frame.id}.${runtime.nextFrameId++}`);
    frame.phase = { kind: 'joining', results: inputs.map(() => null), remaining: inputs.length, children };
    inputs.forEach((input, index) => {
      if (state.Type === 'Map') sink.emit({ type: 'MapIterationStarted', stateName: frame.state, details: { index } });
      const child = { id: children[index], parent: { frameId: frame.id, index }, input };
      runtime.frames[child.id] = { ...child, state: '', enteredAt: '', entry: 0, retryCounts: [], phase: { kind: 'ready' } };
      this.enter(runtime, sink, { ...child, state: scopeOf(this.machine, runtime, runtime.frames[child.id]).StartAt });
    });
    return undefined;
  }

  /** Retry, then Catch, then the error leaves the frame: it fails the enclosing state or the execution. */
  private fail(
    runtime: ExecutionRuntime,
    frame: Frame,
    state: State,
    error: StatesError,
    sink: EventSink,
    allow: { retry?: boolean; catch?: boolean } = {},
  ): ExecutionOutcome | undefined {
    const retriers = 'Retry' in state ? state.Retry : undefined;
    const catchers = 'Catch' in state ? state.Catch : undefined;
    // The spec keeps States.Runtime out of reach of Retry and Catch, even States.ALL.
    const recoverable = error.error !== StatesErrorName.Runtime;
    const retry =
      recoverable && allow.retry !== false
        ? decideRetry(retriers, error.error, frame.retryCounts, { random: this.deps.random })
        : ({ retry: false } as const);
    if (retry.retry) {
      frame.retryCounts = recordRetry(frame.retryCounts, retry.retrierIndex);
      frame.phase = { kind: 'sleeping', until: new Date(this.deps.now().getTime() + retry.delayMs).toISOString(), then: 'retry' };
      sink.emit({ type: 'StateRetryScheduled', stateName: frame.state, details: { error: error.error, cause: error.cause ?? '', delayMs: retry.delayMs, retryCount: frame.retryCounts[retry.retrierIndex] } });
      return undefined;
    }
    const caught = recoverable && allow.catch !== false ? decideCatch(catchers, error, frame.input) : null;
    if (caught) {
      sink.emit({ type: `${state.Type}StateExited`, stateName: frame.state, details: { output: caught.output, caught: { error: error.error, cause: error.cause ?? '' } } });
      this.enter(runtime, sink, { id: frame.id, parent: frame.parent, state: caught.next, input: caught.output });
      return undefined;
    }
    for (const id of descendantsOf(runtime, frame.id)) delete runtime.frames[id];
    delete runtime.frames[frame.id];
    if (!frame.parent) {
      sink.emit({ type: 'ExecutionFailed', details: { error: error.error, cause: error.cause ?? '' } });
      return { status: ExecutionStatus.FAILED, error: error.error, cause: error.cause ?? '' };
    }
    const parent = runtime.frames[frame.parent.frameId];
    for (const id of descendantsOf(runtime, parent.id)) delete runtime.frames[id];
    const parentState = stateOf(this.machine, runtime, parent);
    sink.emit({ type: `${parentState.Type}StateFailed`, stateName: parent.state, details: { error: error.error, cause: error.cause ?? '' } });
    parent.phase = { kind: 'ready' };
    return this.fail(runtime, parent, parentState, error, sink);
  }

  private taskContext(frame: Frame): TaskContext {
    const attempt = frame.retryCounts.reduce((a, b) => a + b, 0) + 1;
    return {
      executionId: this.meta.executionId,
      stateName: frame.state,
      idempotencyKey: `${this.meta.executionId}:${frame.id}:${frame.state}:${frame.entry}`,
      attempt,
    };
  }

  private contextFor(frame: Frame): ContextObject {
    return {
      Execution: { Id: this.meta.executionId, Name: this.meta.name, Input: this.meta.input, StartTime: this.meta.startedAt },
      StateMachine: { Id: this.meta.workflowName, Name: this.meta.workflowName },
      State: { Name: frame.state, EnteredTime: frame.enteredAt, RetryCount: frame.retryCounts.reduce((a, b) => a + b, 0) },
    };
  }
}
