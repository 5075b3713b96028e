import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { JsonValue } from '../domain/asl/asl-types';
import { StatesError, StatesErrorName } from '../domain/asl/errors';
import { TaskInvoker } from '../domain/interpreter';
import { RegisteredTask, resolveTask, TaskContext } from '../domain/workflow-task';

/** Runs Task states locally as the CQRS commands that modules registered with @WorkflowTask. */
@Injectable()
export class CommandTaskInvoker implements TaskInvoker {
  constructor(private readonly commands: CommandBus) {}

  isIdempotent(resource: string): boolean {
    return this.task(resource).options.idempotent;
  }

  async invoke(resource: string, input: JsonValue, context: TaskContext, timeoutSeconds?: number): Promise<JsonValue> {
    const { commandType } = this.task(resource);
    const running = this.commands.execute(new commandType(input, context));
    const result = timeoutSeconds === undefined ? await running : await withTimeout(running, timeoutSeconds);
    // A task result is data in the execution's history: keep it plain JSON, as a Lambda's would be.
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
  }

  private task(resource: string): RegisteredTask {
    const task = resolveTask(resource);
    if (!task) throw new StatesError(StatesErrorName.Runtime, `No task is registered for resource ${resource}`);
    return task;
  }
}

async function withTimeout<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StatesError(StatesErrorName.Timeout, `Task did not finish within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
