import { JsonValue, State, StateMachine } from './asl/asl-types';

/** Where a frame is within its current state. Persisted, so it must stay plain JSON. */
export type FramePhase =
  | { kind: 'ready' }
  /** A task that is not idempotent was invoked; finding this after a restart means a crash interrupted it. */
  | { kind: 'running-task'; attempt: number }
  | { kind: 'sleeping'; until: string; then: 'retry' | 'exit-wait' }
  /** A Parallel or Map state waiting for its branches or iterations. */
  | { kind: 'joining'; results: (JsonValue | null)[]; remaining: number; children: string[] };

/**
 * A thread of control: the root machine, a Parallel branch or a Map iteration.
 * Branches run inside the same execution document, so one lease covers them all.
 */
export interface Frame {
  id: string;
  parent?: { frameId: string; index: number };
  state: string;
  /** The state's raw input. */
  input: JsonValue;
  enteredAt: string;
  /** Execution-wide count of state entries; makes task idempotency keys unique per visit. */
  entry: number;
  /** Per-retrier attempt counters for this visit of the state. */
  retryCounts: number[];
  phase: FramePhase;
}

export interface ExecutionRuntime {
  frames: Record<string, Frame>;
  nextFrameId: number;
  nextEntry: number;
}

type StatesScope = Pick<StateMachine, 'StartAt' | 'States'>;

/** The States object a frame runs in: the machine itself, or its parent's branch/iterator. */
export function scopeOf(machine: StateMachine, runtime: ExecutionRuntime, frame: Frame): StatesScope {
  if (!frame.parent) return machine;
  const parent = runtime.frames[frame.parent.frameId];
  const owner = scopeOf(machine, runtime, parent).States[parent.state];
  if (owner.Type === 'Parallel') return owner.Branches[frame.parent.index];
  if (owner.Type === 'Map') return (owner.ItemProcessor ?? owner.Iterator)!;
  throw new Error(`Frame ${frame.id} has a parent in a ${owner.Type} state`);
}

export function stateOf(machine: StateMachine, runtime: ExecutionRuntime, frame: Frame): State {
  return scopeOf(machine, runtime, frame).States[frame.state];
}

/** Children of a frame, transitively, so a failed branch can stop its siblings. */
export function descendantsOf(runtime: ExecutionRuntime, frameId: string): string[] {
  const direct = Object.values(runtime.frames).filter((f) => f.parent?.frameId === frameId).map((f) => f.id);
  return direct.flatMap((id) => [id, ...descendantsOf(runtime, id)]);
}
