import {
  DescribeExecutionCommand,
  DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionListItem,
  GetExecutionHistoryCommand,
  HistoryEvent,
  InvalidToken,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors/application-errors';
import { runWithTraceId } from '../../common/tracing/trace-context';
import { WorkflowRegistry } from '../../modules/workflow/application/workflow-registry';
import { ExecutionStatus } from '../../modules/workflow/domain/execution';
import { StepFunctionsWorkflowEngine } from './step-functions-workflow-engine';

const PREFIX = 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-';
const STATE_MACHINE = `${PREFIX}order-fulfilment`;
const EXECUTION_ARN = 'arn:aws:states:eu-west-1:123456789012:execution:mercantil-order-fulfilment:t1--order-42';
const EXECUTION_ID = Buffer.from(EXECUTION_ARN).toString('base64url');
const NOW = Date.parse('2026-03-01T10:00:00.000Z');
const metadata = { $metadata: {} };
// The SDK turns the wire's epoch seconds ("startDate": 1772359200.123) into Dates.
const at = (seconds: number) => new Date(NOW + seconds * 1000);

/** DescribeExecution's documented response shape, for the execution above. */
const described = (overrides: Record<string, unknown> = {}): DescribeExecutionCommandOutput => ({
  ...metadata,
  executionArn: EXECUTION_ARN,
  stateMachineArn: STATE_MACHINE,
  name: 't1--order-42',
  status: 'SUCCEEDED',
  startDate: at(-60),
  stopDate: at(-58.5),
  input: '{"orderId":"o-42","tenantId":"t1"}',
  inputDetails: { included: true },
  output: '{"orderId":"o-42","tenantId":"t1","payment":{"transactionId":"ch_1"}}',
  outputDetails: { included: true },
  redriveCount: 0,
  redriveStatus: 'NOT_REDRIVABLE',
  ...overrides,
}) as DescribeExecutionCommandOutput;

describe('StepFunctionsWorkflowEngine (at the SDK boundary)', () => {
  let sfn: AwsClientStub<SFNClient>;
  let engine: StepFunctionsWorkflowEngine;

  beforeEach(() => {
    const client = new SFNClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    sfn = mockClient(client);
    const registry = new WorkflowRegistry();
    registry.register('order-fulfilment', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    engine = new StepFunctionsWorkflowEngine(client, registry, { stateMachineArnPrefix: PREFIX, now: () => NOW });
  });

  describe('start', () => {
    const start = (overrides: Record<string, unknown> = {}) =>
      engine.start({ tenantId: 't1', workflowName: 'order-fulfilment', name: 'order-42', input: { orderId: 'o-42' }, ...overrides });

    it('starts the state machine with the tenant in the name and the input, keys sorted', async () => {
      sfn.on(StartExecutionCommand).resolves({ ...metadata, executionArn: EXECUTION_ARN, startDate: at(0.2) });
      await expect(start({ input: { zeta: 1, orderId: 'o-42' } })).resolves.toEqual({
        executionId: EXECUTION_ID,
        workflowName: 'order-fulfilment',
        name: 'order-42',
        startedAt: at(0.2).toISOString(),
        created: true,
      });
      expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input).toEqual({
        stateMachineArn: STATE_MACHINE,
        name: 't1--order-42',
        input: '{"orderId":"o-42","tenantId":"t1","zeta":1}',
      });
    });

    it('passes the current trace id as the X-Ray trace header, which the task Lambdas receive', async () => {
      sfn.on(StartExecutionCommand).resolves({ ...metadata, executionArn: EXECUTION_ARN, startDate: at(0.2) });
      await runWithTraceId('4bf92f3577b34da6a3ce929d0e0e4736', () => start());
      expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input.traceHeader).toBe('Root=1-4bf92f35-77b34da6a3ce929d0e0e4736');
    });

    it('reports a running execution handed back for the same name and input as not created', async () => {
      sfn.on(StartExecutionCommand).resolves({ ...metadata, executionArn: EXECUTION_ARN, startDate: at(-30) });
      expect(await start()).toMatchObject({ executionId: EXECUTION_ID, created: false, startedAt: at(-30).toISOString() });
    });

    it('returns a closed execution of the same name and input, and refuses a different input', async () => {
      sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ ...metadata, message: `Execution Already Exists: '${EXECUTION_ARN}'` }));
      sfn.on(DescribeExecutionCommand, { executionArn: EXECUTION_ARN }).resolves(described({ input: '{"tenantId":"t1","orderId":"o-42"}' }));
      expect(await start()).toEqual({ executionId: EXECUTION_ID, workflowName: 'order-fulfilment', name: 'order-42', startedAt: at(-60).toISOString(), created: false });
      await expect(start({ input: { orderId: 'o-43' } })).rejects.toThrow(ConflictError);
    });

    it.each([
      ['a name with characters Step Functions refuses', { name: 'order:42' }],
      ['a name that does not fit 80 characters behind the tenant', { name: 'x'.repeat(77) }],
      ['a tenant id that would blur the separator', { tenantId: 'acme--eu' }],
      ['a tenant id ending in a dash', { tenantId: 'acme-' }],
      ['an input that is not an object', { input: ['o-42'] }],
      ['an input naming another tenant', { input: { orderId: 'o-42', tenantId: 't2' } }],
    ])('refuses %s as invalid input without calling AWS', async (_case, overrides) => {
      await expect(start(overrides)).rejects.toThrow(InvalidInputError);
      expect(sfn.calls()).toHaveLength(0);
    });

    it('accepts a name of exactly 80 characters with the tenant prefix', async () => {
      sfn.on(StartExecutionCommand).resolves({ ...metadata, executionArn: `${EXECUTION_ARN}x`, startDate: at(0) });
      await start({ name: 'x'.repeat(76) });
      expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input.name).toHaveLength(80);
    });

    it('is NotFound for a workflow that is not registered or not deployed', async () => {
      await expect(start({ workflowName: 'nope' })).rejects.toThrow(NotFoundError);
      sfn.on(StartExecutionCommand).rejects(new StateMachineDoesNotExist({ ...metadata, message: 'State Machine Does Not Exist' }));
      await expect(start()).rejects.toThrow(NotFoundError);
    });
  });

  describe('get', () => {
    it('maps DescribeExecution: status, parsed input and output, dates', async () => {
      sfn.on(DescribeExecutionCommand).resolves(described());
      expect(await engine.get('t1', EXECUTION_ID)).toEqual({
        executionId: EXECUTION_ID,
        workflowName: 'order-fulfilment',
        name: 'order-42',
        tenantId: 't1',
        status: ExecutionStatus.SUCCEEDED,
        input: { orderId: 'o-42', tenantId: 't1' },
        output: { orderId: 'o-42', tenantId: 't1', payment: { transactionId: 'ch_1' } },
        error: null,
        cause: null,
        startedAt: at(-60).toISOString(),
        stoppedAt: at(-58.5).toISOString(),
      });
      expect(sfn.commandCalls(DescribeExecutionCommand)[0].args[0].input).toEqual({ executionArn: EXECUTION_ARN });
    });

    it.each([
      ['FAILED', ExecutionStatus.FAILED, { error: 'Payment.Declined', cause: 'Card declined (card_declined)' }],
      ['TIMED_OUT', ExecutionStatus.TIMED_OUT, {}],
      ['ABORTED', ExecutionStatus.ABORTED, {}],
      ['PENDING_REDRIVE', ExecutionStatus.RUNNING, {}],
      ['RUNNING', ExecutionStatus.RUNNING, { stopDate: undefined }],
    ])('maps status %s', async (status, expected, extra) => {
      sfn.on(DescribeExecutionCommand).resolves(described({ status, output: undefined, outputDetails: undefined, ...extra }));
      const execution = await engine.get('t1', EXECUTION_ID);
      expect(execution).toMatchObject({ status: expected, output: null, error: 'error' in extra ? extra.error : null });
      if (status === 'RUNNING') expect(execution.stoppedAt).toBeNull();
    });

    it.each([
      ['another tenant', 't2', EXECUTION_ID],
      ['a malformed id', 't1', 'not base64url!'],
      ['a non-canonical id', 't1', `${EXECUTION_ID}=`],
      ['another account’s execution', 't1', Buffer.from(EXECUTION_ARN.replace('123456789012', '999999999999')).toString('base64url')],
      ['a tenant that cannot own executions', 't1--order', EXECUTION_ID],
    ])('is NotFound for %s without calling AWS', async (_case, tenantId, id) => {
      await expect(engine.get(tenantId, id)).rejects.toThrow(NotFoundError);
      expect(sfn.calls()).toHaveLength(0);
    });

    it('is NotFound when the execution does not exist', async () => {
      sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ ...metadata, message: 'Execution Does Not Exist' }));
      await expect(engine.get('t1', EXECUTION_ID)).rejects.toThrow(NotFoundError);
    });
  });

  describe('list', () => {
    const item = (tenantAndName: string): ExecutionListItem => ({
      executionArn: `arn:aws:states:eu-west-1:123456789012:execution:mercantil-order-fulfilment:${tenantAndName}`,
      stateMachineArn: STATE_MACHINE,
      name: tenantAndName,
      status: 'SUCCEEDED',
      startDate: at(-10),
      stopDate: at(-9),
    });

    it('keeps the tenant’s executions, asking only for what is missing, and hands on the token as the cursor', async () => {
      sfn
        .on(ListExecutionsCommand)
        .resolvesOnce({ ...metadata, executions: [item('t1--a'), item('t2--b'), item('t1-x--c')], nextToken: 'token-1' })
        .resolvesOnce({ ...metadata, executions: [item('t1--d'), item('t1--e')], nextToken: 'token-2' });
      const page = await engine.list('t1', { workflowName: 'order-fulfilment', status: ExecutionStatus.SUCCEEDED, limit: 3, cursor: 'token-0' });
      expect(page.items.map((e) => e.name)).toEqual(['a', 'd', 'e']);
      expect(page.items[0]).toMatchObject({ executionId: Buffer.from(item('t1--a').executionArn!).toString('base64url'), tenantId: 't1', status: 'SUCCEEDED', input: null });
      expect(page.nextCursor).toBe('token-2');
      expect(sfn.commandCalls(ListExecutionsCommand).map((c) => c.args[0].input)).toEqual([
        { stateMachineArn: STATE_MACHINE, statusFilter: 'SUCCEEDED', maxResults: 3, nextToken: 'token-0' },
        { stateMachineArn: STATE_MACHINE, statusFilter: 'SUCCEEDED', maxResults: 2, nextToken: 'token-1' },
      ]);
    });

    it('finds an exact name with DescribeExecution', async () => {
      sfn.on(DescribeExecutionCommand).resolves(described());
      const page = await engine.list('t1', { workflowName: 'order-fulfilment', name: 'order-42', limit: 20 });
      expect(page).toMatchObject({ items: [{ executionId: EXECUTION_ID, name: 'order-42' }], nextCursor: null });
      expect(sfn.commandCalls(DescribeExecutionCommand)[0].args[0].input).toEqual({ executionArn: EXECUTION_ARN });
      sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ ...metadata, message: 'Execution Does Not Exist' }));
      expect(await engine.list('t1', { workflowName: 'order-fulfilment', name: 'order-42', limit: 20 })).toEqual({ items: [], nextCursor: null });
    });

    it('refuses an expired or foreign cursor as invalid input', async () => {
      sfn.on(ListExecutionsCommand).rejects(new InvalidToken({ ...metadata, message: 'Invalid Token' }));
      await expect(engine.list('t1', { workflowName: 'order-fulfilment', limit: 20, cursor: 'stale' })).rejects.toThrow(InvalidInputError);
    });
  });

  describe('history', () => {
    // GetExecutionHistory of a one-task state machine whose Resource is a Lambda ARN, as documented.
    const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:mercantil-ProcessPayment';
    const events: HistoryEvent[] = [
      { timestamp: at(0), type: 'ExecutionStarted', id: 1, previousEventId: 0, executionStartedEventDetails: { input: '{"orderId":"o-42","tenantId":"t1"}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::123456789012:role/service-role/StepFunctions-mercantil-role' } },
      { timestamp: at(0.02), type: 'TaskStateEntered', id: 2, previousEventId: 0, stateEnteredEventDetails: { name: 'ProcessPayment', input: '{"orderId":"o-42","tenantId":"t1"}', inputDetails: { truncated: false } } },
      { timestamp: at(0.03), type: 'LambdaFunctionScheduled', id: 3, previousEventId: 2, lambdaFunctionScheduledEventDetails: { resource: LAMBDA, input: '{"tenantId":"t1","orderId":"o-42"}', inputDetails: { truncated: false }, timeoutInSeconds: 30 } },
      { timestamp: at(0.05), type: 'LambdaFunctionStarted', id: 4, previousEventId: 3 },
      { timestamp: at(0.4), type: 'LambdaFunctionSucceeded', id: 5, previousEventId: 4, lambdaFunctionSucceededEventDetails: { output: '{"transactionId":"ch_1","amount":"13.05","currency":"EUR"}', outputDetails: { truncated: false } } },
      { timestamp: at(0.41), type: 'TaskStateExited', id: 6, previousEventId: 5, stateExitedEventDetails: { name: 'ProcessPayment', output: '{"orderId":"o-42","tenantId":"t1","payment":{"transactionId":"ch_1"}}', outputDetails: { truncated: false } } },
      { timestamp: at(0.42), type: 'ExecutionSucceeded', id: 7, previousEventId: 6, executionSucceededEventDetails: { output: '{"orderId":"o-42","tenantId":"t1","payment":{"transactionId":"ch_1"}}', outputDetails: { truncated: false } } },
    ];

    it('maps each event: type, state name, details with data parsed, ISO timestamp', async () => {
      sfn.on(GetExecutionHistoryCommand).resolves({ ...metadata, events });
      const history = await engine.history('t1', EXECUTION_ID, { afterId: 0, limit: 100 });
      expect(history.map((e) => [e.id, e.type, e.stateName])).toEqual([
        [1, 'ExecutionStarted', undefined],
        [2, 'TaskStateEntered', 'ProcessPayment'],
        [3, 'LambdaFunctionScheduled', undefined],
        [4, 'LambdaFunctionStarted', undefined],
        [5, 'LambdaFunctionSucceeded', undefined],
        [6, 'TaskStateExited', 'ProcessPayment'],
        [7, 'ExecutionSucceeded', undefined],
      ]);
      expect(history[0]).toEqual({
        id: 1,
        type: 'ExecutionStarted',
        details: { input: { orderId: 'o-42', tenantId: 't1' }, inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::123456789012:role/service-role/StepFunctions-mercantil-role' },
        timestamp: at(0).toISOString(),
      });
      expect(history[2].details).toEqual({ resource: LAMBDA, input: { tenantId: 't1', orderId: 'o-42' }, inputDetails: { truncated: false }, timeoutInSeconds: 30 });
      expect(history[3].details).toEqual({});
      expect(history[4].details.output).toEqual({ transactionId: 'ch_1', amount: '13.05', currency: 'EUR' });
      expect(sfn.commandCalls(GetExecutionHistoryCommand)[0].args[0].input).toEqual({ executionArn: EXECUTION_ARN, maxResults: 100, includeExecutionData: true });
    });

    it('maps the Task* events of service integrations, keeping text that is not JSON', async () => {
      sfn.on(GetExecutionHistoryCommand).resolves({
        ...metadata,
        events: [
          { timestamp: at(1), type: 'TaskScheduled', id: 3, previousEventId: 2, taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'eu-west-1', parameters: '{"FunctionName":"mercantil-ProcessPayment","Payload":{"orderId":"o-42"}}' } },
          { timestamp: at(1.1), type: 'TaskStarted', id: 4, previousEventId: 3, taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' } },
          { timestamp: at(1.5), type: 'TaskSucceeded', id: 5, previousEventId: 4, taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: '{"Payload":{"transactionId":"ch_1"},"StatusCode":200}', outputDetails: { truncated: false } } },
          { timestamp: at(2), type: 'TaskFailed', id: 6, previousEventId: 5, taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: 'Payment.Declined', cause: 'not json' } },
        ],
      });
      const [scheduled, started, succeeded, failed] = await engine.history('t1', EXECUTION_ID, { afterId: 0, limit: 10 });
      expect(scheduled.details.parameters).toEqual({ FunctionName: 'mercantil-ProcessPayment', Payload: { orderId: 'o-42' } });
      expect(started.details).toEqual({ resourceType: 'lambda', resource: 'invoke' });
      expect(succeeded.details.output).toEqual({ Payload: { transactionId: 'ch_1' }, StatusCode: 200 });
      expect(failed.details).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'Payment.Declined', cause: 'not json' });
    });

    it('skips events up to afterId, reading pages until the limit is filled', async () => {
      sfn
        .on(GetExecutionHistoryCommand)
        .resolvesOnce({ ...metadata, events: events.slice(0, 4), nextToken: 'page-2' })
        .resolvesOnce({ ...metadata, events: events.slice(4, 5), nextToken: 'page-3' });
      const history = await engine.history('t1', EXECUTION_ID, { afterId: 3, limit: 2 });
      expect(history.map((e) => e.id)).toEqual([4, 5]);
      expect(sfn.commandCalls(GetExecutionHistoryCommand).map((c) => c.args[0].input)).toEqual([
        { executionArn: EXECUTION_ARN, maxResults: 5, includeExecutionData: true },
        { executionArn: EXECUTION_ARN, maxResults: 1, nextToken: 'page-2', includeExecutionData: true },
      ]);
    });

    it('is NotFound for another tenant’s execution or a missing one', async () => {
      await expect(engine.history('t2', EXECUTION_ID, { afterId: 0, limit: 10 })).rejects.toThrow(NotFoundError);
      expect(sfn.calls()).toHaveLength(0);
      sfn.on(GetExecutionHistoryCommand).rejects(new ExecutionDoesNotExist({ ...metadata, message: 'Execution Does Not Exist' }));
      await expect(engine.history('t1', EXECUTION_ID, { afterId: 0, limit: 10 })).rejects.toThrow(NotFoundError);
    });
  });
});
