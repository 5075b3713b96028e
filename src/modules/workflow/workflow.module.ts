import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { loadOnFirstCall } from '../../infrastructure/load-on-first-call';
import { EmbeddedWorkflowEngine } from './adapters/embedded-workflow-engine';
import { PostgresExecutionRepository } from './adapters/postgres-execution.repository';
import { CommandTaskInvoker } from './application/command-task-invoker';
import { ExecutionRecovery } from './application/execution-recovery';
import { ExecutionRunner } from './application/execution-runner';
import { WorkflowStepConsumer } from './application/workflow-step.consumer';
import { WorkflowMetrics } from './application/workflow-metrics';
import { WorkflowRegistry } from './application/workflow-registry';
import { StartExecutionHandler } from './commands/start-execution/start-execution.handler';
import { EXECUTION_REPOSITORY } from './domain/execution-repository.port';
import { WORKFLOW_ENGINE, WorkflowEngine } from './domain/workflow-engine.port';
import { GetExecutionHistoryHandler } from './queries/get-execution-history/get-execution-history.handler';
import { GetExecutionHandler } from './queries/get-execution/get-execution.handler';
import { ListExecutionsHandler } from './queries/list-executions/list-executions.handler';
import { GetWorkflowDefinitionHandler } from './queries/get-workflow-definition/get-workflow-definition.handler';
import { WorkflowController } from './workflow.controller';

export interface WorkflowFeature {
  name: string;
  /** A parsed `*.asl.json`; validated when the module starts. */
  definition: unknown;
}

@Module({})
class WorkflowDefinitionsModule {}

/**
 * The workflow engine. Global so that any module can register its workflows with
 * `WorkflowModule.forFeature([...])` and start them with StartExecutionCommand.
 * WORKFLOW_ENGINE is the embedded interpreter (executions in Postgres) or, with
 * `WORKFLOW_ENGINE=step-functions`, Step Functions running the same definitions; the
 * interpreter's providers stay registered but idle then.
 */
@Global()
@Module({
  controllers: [WorkflowController],
  providers: [
    WorkflowRegistry,
    WorkflowMetrics,
    CommandTaskInvoker,
    ExecutionRunner,
    ExecutionRecovery,
    WorkflowStepConsumer,
    StartExecutionHandler,
    GetExecutionHandler,
    GetExecutionHistoryHandler,
    GetWorkflowDefinitionHandler,
    ListExecutionsHandler,
    { provide: EXECUTION_REPOSITORY, inject: [DataSource], useFactory: (db: DataSource) => new PostgresExecutionRepository(db) },
    EmbeddedWorkflowEngine,
    {
      provide: WORKFLOW_ENGINE,
      inject: [APP_CONFIG, EmbeddedWorkflowEngine, WorkflowRegistry],
      useFactory: (config: AppConfig, embedded: EmbeddedWorkflowEngine, registry: WorkflowRegistry): WorkflowEngine => {
        if (config.ports.workflowEngine === 'embedded') return embedded;
        // Imported on first use, so the embedded profile and cold starts that start no workflow never load the Step Functions SDK.
        return loadOnFirstCall<WorkflowEngine>(
          async () => (await import('../../infrastructure/aws/step-functions-workflow-engine.factory')).createStepFunctionsWorkflowEngine(config.aws, registry),
          { start: true, get: true, list: true, history: true },
        );
      },
    },
  ],
  exports: [WorkflowRegistry, ExecutionRecovery],
})
export class WorkflowModule {
  static forFeature(workflows: WorkflowFeature[]): DynamicModule {
    return {
      module: WorkflowDefinitionsModule,
      providers: [
        {
          provide: `workflow-definitions:${workflows.map((w) => w.name).join(',')}`,
          inject: [WorkflowRegistry],
          useFactory: (registry: WorkflowRegistry) => workflows.forEach((w) => registry.register(w.name, w.definition)),
        },
      ],
    };
  }
}
