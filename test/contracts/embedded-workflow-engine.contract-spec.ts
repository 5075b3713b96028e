import { WorkflowRegistry } from '../../src/modules/workflow/application/workflow-registry';
import { WORKFLOW_ENGINE, WorkflowEngine } from '../../src/modules/workflow/domain/workflow-engine.port';
import { startTestApp } from '../support/test-app';
import { CONTRACT_WORKFLOWS, describeWorkflowEngineContract } from './workflow-engine.contract';

// The whole app with its queue worker, so executions really run; the contract's workflows
// are registered on the booted registry, as WorkflowModule.forFeature would at boot.
describeWorkflowEngineContract(`embedded (${process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'})`, async () => {
  const t = await startTestApp();
  const registry = t.app.get(WorkflowRegistry);
  for (const [name, definition] of Object.entries(CONTRACT_WORKFLOWS)) registry.register(name, definition);
  return { engine: t.app.get<WorkflowEngine>(WORKFLOW_ENGINE), close: () => t.close() };
});
