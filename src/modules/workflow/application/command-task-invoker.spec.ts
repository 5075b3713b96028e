import { CommandBus } from '@nestjs/cqrs';
import { StatesError } from '../domain/asl/errors';
import { TaskContext, WorkflowTask, WorkflowTaskCommand } from '../domain/workflow-task';
import { CommandTaskInvoker } from './command-task-invoker';

@WorkflowTask('InvokerSpecEcho', { idempotent: true })
class EchoCommand extends WorkflowTaskCommand<unknown> {}

@WorkflowTask('InvokerSpecOnce', { idempotent: false })
class OnceCommand extends EchoCommand {}

const context: TaskContext = { executionId: 'e', stateName: 'S', idempotencyKey: 'e:root:S:0', attempt: 1 };

describe('CommandTaskInvoker', () => {
  const bus = (execute: (command: EchoCommand) => Promise<unknown>) => new CommandTaskInvoker({ execute } as unknown as CommandBus);

  it('executes the registered command with the input and task context and returns plain JSON', async () => {
    const invoker = bus(async (c) => ({ got: c.input, key: c.context.idempotencyKey, at: new Date('2026-01-01T00:00:00Z'), gone: undefined }));
    await expect(invoker.invoke('${InvokerSpecEcho}', { a: 1 }, context)).resolves.toEqual({ got: { a: 1 }, key: 'e:root:S:0', at: '2026-01-01T00:00:00.000Z' });
    await expect(bus(async () => undefined).invoke('${InvokerSpecEcho}', {}, context)).resolves.toBeNull();
  });

  it('knows which tasks may be re-run after a crash', () => {
    const invoker = bus(async () => null);
    expect(invoker.isIdempotent('${InvokerSpecEcho}')).toBe(true);
    expect(invoker.isIdempotent('${InvokerSpecOnce}')).toBe(false);
    expect(OnceCommand).toBeDefined();
  });

  it('fails with States.Timeout when the command outlives TimeoutSeconds', async () => {
    const invoker = bus(() => new Promise((resolve) => setTimeout(() => resolve('late'), 3_000).unref()));
    const started = Date.now();
    const error = await invoker.invoke('${InvokerSpecEcho}', {}, context, 0.05).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe('States.Timeout');
    // Long before the command would end, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects an unregistered resource with States.Runtime', async () => {
    const error = await bus(async () => null).invoke('${Nope}', {}, context).catch((e: unknown) => e);
    expect((error as StatesError).error).toBe('States.Runtime');
  });
});
