import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowEngine } from '../../src/infrastructure/aws/step-functions-workflow-engine';
import { WorkflowRegistry } from '../../src/modules/workflow/application/workflow-registry';
import { StepFunctionsModel } from '../support/step-functions-model';
import { CONTRACT_WORKFLOWS, describeWorkflowEngineContract } from './workflow-engine.contract';

const PREFIX = 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-';

function openEngine(now?: () => number) {
  const model = new StepFunctionsModel(Object.fromEntries(Object.entries(CONTRACT_WORKFLOWS).map(([name, definition]) => [`${PREFIX}${name}`, definition])));
  const client = new SFNClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  model.attach(client);
  const registry = new WorkflowRegistry();
  for (const [name, definition] of Object.entries(CONTRACT_WORKFLOWS)) registry.register(name, definition);
  return { model, client, engine: new StepFunctionsWorkflowEngine(client, registry, { stateMachineArnPrefix: PREFIX, now }) };
}

// No Step Functions emulator runs here: the adapter talks to the real SDK client, whose
// commands an in-memory model of Standard-workflow semantics answers (test/support/step-functions-model.ts).
describeWorkflowEngineContract('Step Functions (in-memory Step Functions model behind the SDK)', async () => {
  const { engine, client } = openEngine();
  return { engine, close: async () => client.destroy() };
});

describe('Step Functions engine: starting a name that is still running', () => {
  it('gets the running execution back from StartExecution and, once its start date is in the past, reports it as not created', async () => {
    let skew = 0;
    const { model, engine, client } = openEngine(() => Date.now() + skew);
    model.holdExecutions(true);
    const request = { tenantId: 't1', workflowName: 'contract-greet', name: 'still-running', input: { orderId: 'o-1' } };
    const first = await engine.start(request);
    expect(first.created).toBe(true);
    skew = 5_000; // the duplicate arrives seconds later
    expect(await engine.start(request)).toEqual({ ...first, created: false });
    expect((await engine.get('t1', first.executionId)).status).toBe('RUNNING');
    client.destroy();
  });
});
