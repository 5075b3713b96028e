import { JsonValue, StateMachine } from './asl/asl-types';
import { StatesError } from './asl/errors';
import { ExecutionOutcome, ExecutionStatus, HistoryEvent } from './execution';
import { ExecutionRuntime } from './execution-runtime';
import { EventSink, Interpreter, TaskInvoker } from './interpreter';
import { TaskContext } from './workflow-task';

type TaskFn = (input: JsonValue, context: TaskContext) => JsonValue | Promise<JsonValue>;

/**
 * Drives an execution to its end like the runner does, but in memory with a fake
 * clock. The runtime goes through JSON between steps, as it does through Postgres,
 * so every test also proves the state survives persistence.
 */
async function run(machine: StateMachine, input: JsonValue, tasks: Record<string, TaskFn> = {}, options: { random?: () => number; idempotent?: boolean } = {}) {
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  const events: HistoryEvent[] = [];
  const sleeps: number[] = [];
  const calls: { resource: string; input: JsonValue; context: TaskContext }[] = [];
  const sink: EventSink = { emit: (e) => events.push({ ...e, timestamp: new Date(clock).toISOString() }), checkpoint: async () => undefined };
  const invoker: TaskInvoker = {
    isIdempotent: () => options.idempotent ?? true,
    invoke: async (resource, taskInput, context) => {
      calls.push({ resource, input: taskInput, context });
      const fn = tasks[resource.replace(/^\$\{(.*)\}$/, '$1')];
      if (!fn) throw new Error(`no fake for ${resource}`);
      return fn(taskInput, context);
    },
  };
  const meta = { executionId: 'exec-1', workflowName: 'test', name: 'exec-1', input, startedAt: new Date(clock).toISOString() };
  const interpreter = new Interpreter(machine, meta, { now: () => new Date(clock), random: options.random });
  let runtime: ExecutionRuntime = interpreter.start(sink);
  for (let steps = 0; steps < 500; steps++) {
    runtime = JSON.parse(JSON.stringify(runtime));
    const frame = interpreter.runnable(runtime);
    if (!frame) {
      const wake = interpreter.nextWakeAt(runtime);
      if (!wake) throw new Error('execution is stuck');
      sleeps.push(wake.getTime() - clock);
      clock = wake.getTime();
      continue;
    }
    const outcome: ExecutionOutcome | undefined = await interpreter.advance(runtime, frame, sink, invoker);
    if (outcome) return { outcome, events, sleeps, calls, types: events.map((e) => e.type) };
  }
  throw new Error('did not finish in 500 steps');
}

/** An execution entered at its first state, to drive one step by hand. */
function started(machine: StateMachine, checkpoint: () => Promise<void> = async () => undefined) {
  const sink: EventSink = { emit: () => undefined, checkpoint };
  const meta = { executionId: 'e', workflowName: 'w', name: 'e', input: {}, startedAt: new Date().toISOString() };
  const interpreter = new Interpreter(machine, meta, { now: () => new Date() });
  return { interpreter, sink, runtime: interpreter.start(sink) };
}

const failing = (error: string, cause = 'boom') => () => {
  throw new StatesError(error, cause);
};

function failNTimes(n: number, error: string, result: JsonValue): TaskFn {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls <= n) throw new StatesError(error, `failure ${calls}`);
    return result;
  };
}

describe('Interpreter: input and output processing', () => {
  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in the spec order', async () => {
    const machine: StateMachine = {
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: '${Charge}',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id', 'amount.$': '$.total', fixed: 'x' },
          ResultSelector: { 'tx.$': '$.transaction.id' },
          ResultPath: '$.payment',
          OutputPath: '$.payment',
          End: true,
        },
      },
    };
    const { outcome, calls } = await run(machine, { order: { id: 'o1', total: '10.00' }, other: 1 }, {
      Charge: () => ({ transaction: { id: 'tx-9', raw: true } }),
    });
    expect(calls[0].input).toEqual({ id: 'o1', amount: '10.00', fixed: 'x' });
    expect(outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: { tx: 'tx-9' } });
  });

  it('merges a result into the raw input (not the InputPath selection) and can discard it with ResultPath null', async () => {
    const machine: StateMachine = {
      StartAt: 'Keep',
      States: {
        Keep: { Type: 'Pass', InputPath: '$.a', Result: { r: 1 }, ResultPath: '$.a.result', Next: 'Drop' },
        Drop: { Type: 'Pass', Result: 'ignored', ResultPath: null, End: true },
      },
    };
    const { outcome } = await run(machine, { a: { v: 1 }, b: 2 });
    expect(outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: { a: { v: 1, result: { r: 1 } }, b: 2 } });
  });

  it('exposes the context object to Parameters', async () => {
    const machine: StateMachine = {
      StartAt: 'Ctx',
      States: { Ctx: { Type: 'Pass', Parameters: { 'exec.$': '$$.Execution.Id', 'state.$': '$$.State.Name' }, End: true } },
    };
    const { outcome } = await run(machine, {});
    expect(outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: { exec: 'exec-1', state: 'Ctx' } });
  });

  it('fails with States.Runtime, uncatchable even by States.ALL, when OutputPath selects nothing', async () => {
    const machine: StateMachine = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: '${T}', OutputPath: '$.missing', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Succeed' },
      },
    };
    const { outcome } = await run(machine, {}, { T: () => ({ here: 1 }) });
    expect(outcome).toMatchObject({ status: ExecutionStatus.FAILED, error: 'States.Runtime' });
  });
});

describe('Interpreter: control flow', () => {
  const choice: StateMachine = {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
          { And: [{ Variable: '$.n', NumericGreaterThanEquals: 0 }, { Variable: '$.n', NumericLessThanEquals: 10 }], Next: 'Small' },
        ],
      },
      Big: { Type: 'Pass', Result: 'big', End: true },
      Small: { Type: 'Pass', Result: 'small', End: true },
    },
  };

  it('follows the first matching Choice rule', async () => {
    expect((await run(choice, { n: 11 })).outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: 'big' });
    expect((await run(choice, { n: 3 })).outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: 'small' });
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    expect((await run(choice, { n: -1 })).outcome).toMatchObject({ status: ExecutionStatus.FAILED, error: 'States.NoChoiceMatched' });
  });

  it('ends with the Fail state error and cause, taken from paths when given', async () => {
    const machine: StateMachine = {
      StartAt: 'F',
      States: { F: { Type: 'Fail', ErrorPath: '$.code', Cause: 'declined by issuer' } },
    };
    expect((await run(machine, { code: 'Payment.Declined' })).outcome).toEqual({
      status: ExecutionStatus.FAILED,
      error: 'Payment.Declined',
      cause: 'declined by issuer',
    });
  });

  it('waits the given Seconds, SecondsPath or until a Timestamp', async () => {
    const machine: StateMachine = {
      StartAt: 'W1',
      States: {
        W1: { Type: 'Wait', Seconds: 5, Next: 'W2' },
        W2: { Type: 'Wait', SecondsPath: '$.delay', Next: 'W3' },
        W3: { Type: 'Wait', Timestamp: '2026-01-01T00:01:00Z', End: true },
      },
    };
    const { outcome, sleeps } = await run(machine, { delay: 7 });
    expect(sleeps).toEqual([5000, 7000, 48000]);
    expect(outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: { delay: 7 } });
  });

  it('records every transition in the history, Step Functions style', async () => {
    const machine: StateMachine = { StartAt: 'A', States: { A: { Type: 'Task', Resource: '${A}', Next: 'B' }, B: { Type: 'Succeed' } } };
    const { types, events } = await run(machine, { x: 1 }, { A: () => ({ y: 2 }) });
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[1]).toMatchObject({ stateName: 'A', details: { input: { x: 1 } } });
    expect(events[5]).toMatchObject({ stateName: 'A', details: { output: { y: 2 } } });
  });
});

describe('Interpreter: Retry', () => {
  const machine = (retrier: object): StateMachine => ({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: '${T}', Retry: [{ ErrorEquals: ['Transient'], ...retrier }], End: true } },
  });

  it('retries with IntervalSeconds * BackoffRate^n and passes the attempt to the task', async () => {
    const { outcome, sleeps, calls } = await run(machine({ IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 }), {}, { T: failNTimes(3, 'Transient', 'ok') });
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(calls.map((c) => c.context.attempt)).toEqual([1, 2, 3, 4]);
    // One state entry, one idempotency key across its retries.
    expect(new Set(calls.map((c) => c.context.idempotencyKey)).size).toBe(1);
    expect(outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: 'ok' });
  });

  it('caps the delay at MaxDelaySeconds and applies FULL jitter', async () => {
    const capped = await run(machine({ IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3, MaxDelaySeconds: 5 }), {}, { T: failNTimes(3, 'Transient', 'ok') });
    expect(capped.sleeps).toEqual([2000, 5000, 5000]);
    const jittered = await run(machine({ IntervalSeconds: 4, BackoffRate: 1, MaxAttempts: 1, JitterStrategy: 'FULL' }), {}, { T: failNTimes(1, 'Transient', 'ok') }, { random: () => 0.25 });
    expect(jittered.sleeps).toEqual([1000]);
  });

  it('fails the execution with the task error once MaxAttempts is used up', async () => {
    const { outcome, calls } = await run(machine({ IntervalSeconds: 1, MaxAttempts: 2 }), {}, { T: failNTimes(5, 'Transient', 'ok') });
    expect(calls).toHaveLength(3);
    expect(outcome).toMatchObject({ status: ExecutionStatus.FAILED, error: 'Transient', cause: 'failure 3' });
  });

  it('does not retry errors its ErrorEquals does not name, and MaxAttempts 0 never retries', async () => {
    expect((await run(machine({ MaxAttempts: 3 }), {}, { T: failing('Permanent') })).calls).toHaveLength(1);
    expect((await run(machine({ MaxAttempts: 0 }), {}, { T: failing('Transient') })).calls).toHaveLength(1);
  });
});

describe('Interpreter: Catch', () => {
  const machine: StateMachine = {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: '${T}',
        Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 1, MaxAttempts: 1 }],
        Catch: [
          { ErrorEquals: ['Payment.Declined'], ResultPath: '$.error', Next: 'Declined' },
          { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'TaskFailed' },
          { ErrorEquals: ['States.ALL'], Next: 'Anything' },
        ],
        End: true,
      },
      Declined: { Type: 'Pass', End: true },
      TaskFailed: { Type: 'Pass', Result: 'task-failed', ResultPath: '$.route', End: true },
      Anything: { Type: 'Pass', End: true },
    },
  };

  it('routes to the first matching catcher and puts {Error, Cause} at its ResultPath in the raw input', async () => {
    const { outcome } = await run(machine, { orderId: 'o1' }, { T: failing('Payment.Declined', 'card_declined') });
    expect(outcome).toEqual({
      status: ExecutionStatus.SUCCEEDED,
      output: { orderId: 'o1', error: { Error: 'Payment.Declined', Cause: 'card_declined' } },
    });
  });

  it('falls through catchers: States.TaskFailed catches any task error except States.Timeout', async () => {
    const other = await run(machine, { orderId: 'o1' }, { T: failing('Some.Error') });
    expect(other.outcome).toMatchObject({ output: { route: 'task-failed', error: { Error: 'Some.Error' } } });
    const timeout = await run(machine, { orderId: 'o1' }, { T: failing('States.Timeout', 'too slow') });
    // States.ALL without a ResultPath replaces the input with the error output.
    expect(timeout.outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: { Error: 'States.Timeout', Cause: 'too slow' } });
  });

  it('catches only after retries are exhausted', async () => {
    const { calls, outcome } = await run(machine, {}, { T: failNTimes(2, 'Transient', 'ok') });
    expect(calls).toHaveLength(2);
    expect(outcome).toMatchObject({ output: { route: 'task-failed', error: { Error: 'Transient', Cause: 'failure 2' } } });
  });

  it('treats a crash-interrupted non-idempotent task as States.TaskFailed and skips Retry', async () => {
    const simple: StateMachine = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: '${T}', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 5 }], Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Succeed' },
      },
    };
    const { interpreter, runtime, sink } = started(simple);
    runtime.frames.root.phase = { kind: 'running-task', attempt: 1 };
    const invoke = jest.fn();
    const outcome = await interpreter.advance(runtime, runtime.frames.root, sink, { isIdempotent: () => false, invoke });
    expect(outcome).toBeUndefined();
    expect(invoke).not.toHaveBeenCalled();
    expect(runtime.frames.root).toMatchObject({ state: 'Caught', input: { Error: 'States.TaskFailed' } });
  });

  it('persists a checkpoint before invoking a task that is not idempotent', async () => {
    const simple: StateMachine = { StartAt: 'T', States: { T: { Type: 'Task', Resource: '${T}', End: true } } };
    const order: string[] = [];
    const { interpreter, runtime, sink } = started(simple, async () => void order.push('checkpoint'));
    await interpreter.advance(runtime, runtime.frames.root, sink, {
      isIdempotent: () => false,
      invoke: async () => {
        order.push(`invoke:${runtime.frames.root.phase.kind}`);
        return null;
      },
    });
    expect(order).toEqual(['checkpoint', 'invoke:running-task']);
  });
});

describe('Interpreter: Parallel and Map', () => {
  it('runs Parallel branches and outputs their results in branch order', async () => {
    const machine: StateMachine = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Task', Resource: '${Double}', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Parameters: { 'copy.$': '$.n' }, End: true } } },
          ],
          ResultPath: '$.results',
          End: true,
        },
      },
    };
    const { outcome, types } = await run(machine, { n: 4 }, { Double: (i) => ((i as { n: number }).n * 2) as JsonValue });
    expect(outcome).toEqual({ status: ExecutionStatus.SUCCEEDED, output: { n: 4, results: [8, { copy: 4 }] } });
    expect(types).toContain('ParallelStateSucceeded');
  });

  it('fails the Parallel state with a branch error, stops the other branches, and lets its Catch handle it', async () => {
    const machine: StateMachine = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Boom', States: { Boom: { Type: 'Task', Resource: '${Boom}', End: true } } },
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 60, Next: 'After' }, After: { Type: 'Task', Resource: '${After}', End: true } } },
          ],
          Catch: [{ ErrorEquals: ['Branch.Error'], ResultPath: '$.error', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const { outcome, calls } = await run(machine, {}, { Boom: failing('Branch.Error'), After: () => 'never' });
    expect(outcome).toMatchObject({ status: ExecutionStatus.SUCCEEDED, output: { error: { Error: 'Branch.Error' } } });
    expect(calls.map((c) => c.resource)).toEqual(['${Boom}']);
  });

  it('runs a Map iteration per item with ItemSelector and the $$.Map.Item context', async () => {
    const machine: StateMachine = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.lines',
          ItemSelector: { 'sku.$': '$$.Map.Item.Value.sku', 'index.$': '$$.Map.Item.Index', 'currency.$': '$.currency' },
          ItemProcessor: { StartAt: 'Price', States: { Price: { Type: 'Task', Resource: '${Price}', End: true } } },
          ResultPath: '$.priced',
          End: true,
        },
      },
    };
    const { outcome, calls } = await run(machine, { currency: 'EUR', lines: [{ sku: 'a' }, { sku: 'b' }] }, {
      Price: (i) => `${(i as { sku: string }).sku}@${(i as { currency: string }).currency}`,
    });
    expect(calls.map((c) => c.input)).toEqual([
      { sku: 'a', index: 0, currency: 'EUR' },
      { sku: 'b', index: 1, currency: 'EUR' },
    ]);
    expect(outcome).toMatchObject({ output: { priced: ['a@EUR', 'b@EUR'] } });
    const empty = await run(machine, { currency: 'EUR', lines: [] });
    expect(empty.outcome).toMatchObject({ output: { priced: [] } });
  });
});
