import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Context } from 'aws-lambda';
import { AppModule } from '../app.module';
import { lambdaContext, runInvocation } from './lambda-context';
import type { JsonValue } from '../modules/workflow/domain/asl/asl-types';
import { registeredTaskResources, resolveTask, TaskContext } from '../modules/workflow/domain/workflow-task';
import type { ContextFactory } from './worker';

const createContext: ContextFactory = () => NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

export interface WorkflowTaskHandlerOptions {
  /** The @WorkflowTask resource this function runs; WORKFLOW_TASK by default. */
  task?: string;
  create?: ContextFactory;
}

/**
 * Builds the Lambda behind one Task state on Step Functions: the CDK substitutes the ASL's
 * `${<Task>}` with the ARN of a function whose WORKFLOW_TASK is `<Task>`, and Step Functions
 * invokes it with the state's effective input. The function runs the same @WorkflowTask
 * command the embedded engine runs, over an app context created on the first invocation and
 * reused while the container lives (no HTTP, no queue worker).
 *
 * A Step Functions retry is a new invocation with a new request id, so the task context's
 * idempotency key changes between attempts and `attempt` is always 1: tasks must key their
 * side effects on what they act on, as the Orders tasks do (by order).
 */
export function createWorkflowTaskHandler(options: WorkflowTaskHandlerOptions = {}) {
  const context = lambdaContext(options.create ?? createContext);

  const handler = async (event: JsonValue, lambda: Pick<Context, 'awsRequestId'>): Promise<JsonValue> => {
    const name = options.task ?? process.env.WORKFLOW_TASK ?? '';
    const task = resolveTask(`\${${name}}`);
    // Before the app boots: a misnamed function fails its first invocation at once, saying why.
    if (!task) throw new Error(`WORKFLOW_TASK=${JSON.stringify(name)} is not a registered @WorkflowTask (registered: ${registeredTaskResources().join(', ')})`);
    const app = await context.app();
    const taskContext: TaskContext = {
      executionId: executionIdOf(event) ?? lambda.awsRequestId,
      stateName: name,
      idempotencyKey: `lambda:${lambda.awsRequestId}`,
      attempt: 1,
    };
    return runInvocation(app, async () => {
      try {
        const result: unknown = await app.get(CommandBus).execute(new task.commandType(event, taskContext));
        return (result ?? null) as JsonValue;
      } catch (error) {
        throw asTaskError(error);
      }
    });
  };

  return { handler, close: context.close };
}

/**
 * The execution ARN when the state passes it, e.g. `"executionId.$": "$$.Execution.Id"` in
 * its Parameters; the ASL files do not need to, the Orders tasks do not use it.
 */
function executionIdOf(event: JsonValue): string | undefined {
  const executionId = event !== null && typeof event === 'object' && !Array.isArray(event) ? event.executionId : undefined;
  return typeof executionId === 'string' && executionId ? executionId : undefined;
}

/**
 * The Node.js runtime reports a rejection as `errorType: error.name`, which is what the ASL's
 * Retry and Catch match, and the task errors are named for it (e.g. Payment.Declined). Anything
 * thrown that is not an Error would be reported by its JavaScript type instead, so it becomes a
 * plain `Error`, which only States.ALL and States.TaskFailed catch.
 */
function asTaskError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(typeof error === 'string' ? error : `Task threw a non-Error value: ${JSON.stringify(error)}`);
}

const { handler, close } = createWorkflowTaskHandler();
export { handler, close as closeWorkflowTaskHandler };
