// The Workflow module's public surface: other modules import from here only.
export { WorkflowModule, type WorkflowFeature } from './workflow.module';
export { StartExecutionCommand, type StartExecutionResult } from './commands/start-execution/start-execution.command';
export { GetExecutionQuery } from './queries/get-execution/get-execution.query';
export { WorkflowTask, WorkflowTaskCommand, taskFields, type TaskContext, type WorkflowTaskOptions } from './domain/workflow-task';
export { ExecutionStatus, type Execution } from './domain/execution';
export type { ExecutionView } from './domain/workflow-engine.port';
export type { JsonValue, JsonObject } from './domain/asl/asl-types';
