import {
  DescribeExecutionCommand,
  DescribeExecutionCommandInput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  GetExecutionHistoryCommandInput,
  HistoryEvent,
  InvalidArn,
  InvalidExecutionInput,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  ListExecutionsCommandInput,
  SFNClient,
  StartExecutionCommand,
  StartExecutionCommandInput,
  StateMachineDoesNotExist,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';

interface ModelState {
  Type: 'Pass' | 'Succeed' | 'Fail';
  Next?: string;
  End?: boolean;
  Result?: unknown;
  Error?: string;
  Cause?: string;
}

export interface ModelDefinition {
  StartAt: string;
  States: Record<string, ModelState>;
}

interface ModelExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  events: HistoryEvent[];
}

const metadata = { $metadata: {} };
// What Step Functions refuses in a name: whitespace, brackets, wildcards, these specials, control characters.
const FORBIDDEN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/service-role/StepFunctions-mercantil-role';

/**
 * An in-memory model of the Standard-workflow semantics the Step Functions engine relies on,
 * answering the SDK's commands through aws-sdk-client-mock: StartExecution's idempotency
 * (same name and input while running returns the original response; a closed execution or
 * another input is ExecutionAlreadyExists), name rules, newest-first ListExecutions with
 * status filter and tokens bound to their request, and paginated GetExecutionHistory with
 * events numbered from 1. Executions of Pass/Succeed/Fail machines run to the end at start,
 * unless held, so a test can see one RUNNING.
 */
export class StepFunctionsModel {
  private readonly executions = new Map<string, ModelExecution>();
  private hold = false;

  constructor(private readonly machines: Record<string, ModelDefinition>) {}

  attach(client: SFNClient): AwsClientStub<SFNClient> {
    const stub = mockClient(client);
    stub.on(StartExecutionCommand).callsFake((input: StartExecutionCommandInput) => this.startExecution(input));
    stub.on(DescribeExecutionCommand).callsFake((input: DescribeExecutionCommandInput) => this.describeExecution(input));
    stub.on(ListExecutionsCommand).callsFake((input: ListExecutionsCommandInput) => this.listExecutions(input));
    stub.on(GetExecutionHistoryCommand).callsFake((input: GetExecutionHistoryCommandInput) => this.getExecutionHistory(input));
    return stub;
  }

  /** While held, new executions stay RUNNING. */
  holdExecutions(hold: boolean): void {
    this.hold = hold;
  }

  startExecution({ stateMachineArn, name, input = '{}' }: StartExecutionCommandInput) {
    const machine = stateMachineArn ? this.machines[stateMachineArn] : undefined;
    if (!machine) throw new StateMachineDoesNotExist({ ...metadata, message: `State Machine Does Not Exist: '${stateMachineArn}'` });
    if (!name || name.length > 80 || FORBIDDEN_NAME.test(name)) throw new InvalidName({ ...metadata, message: `Invalid Name: '${name}'` });
    try {
      JSON.parse(input);
    } catch {
      throw new InvalidExecutionInput({ ...metadata, message: 'Invalid State Machine Execution Input: not JSON' });
    }
    const executionArn = `${stateMachineArn!.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return { ...metadata, executionArn, startDate: existing.startDate };
      throw new ExecutionAlreadyExists({ ...metadata, message: `Execution Already Exists: '${executionArn}'` });
    }
    const execution: ModelExecution = { executionArn, stateMachineArn: stateMachineArn!, name, status: 'RUNNING', input, startDate: new Date(), events: [] };
    this.executions.set(executionArn, execution);
    this.emit(execution, 'ExecutionStarted', { executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: ROLE_ARN } });
    if (!this.hold) this.run(execution, machine);
    return { ...metadata, executionArn, startDate: execution.startDate };
  }

  describeExecution({ executionArn }: DescribeExecutionCommandInput) {
    const e = this.execution(executionArn);
    return {
      ...metadata,
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      stopDate: e.stopDate,
      input: e.input,
      inputDetails: { included: true },
      output: e.output,
      outputDetails: e.output === undefined ? undefined : { included: true },
      error: e.error,
      cause: e.cause,
    };
  }

  listExecutions({ stateMachineArn, statusFilter, maxResults, nextToken }: ListExecutionsCommandInput) {
    if (!stateMachineArn || !this.machines[stateMachineArn]) throw new StateMachineDoesNotExist({ ...metadata, message: 'State Machine Does Not Exist' });
    const all = [...this.executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn && (!statusFilter || e.status === statusFilter))
      .reverse(); // insertion order is start order: newest first
    const { items, token } = paginate(all, `${stateMachineArn}|${statusFilter ?? ''}`, maxResults, nextToken);
    const executions = items.map((e) => ({ executionArn: e.executionArn, stateMachineArn, name: e.name, status: e.status, startDate: e.startDate, stopDate: e.stopDate }));
    return { ...metadata, executions, nextToken: token };
  }

  getExecutionHistory({ executionArn, maxResults, nextToken }: GetExecutionHistoryCommandInput) {
    const e = this.execution(executionArn);
    const { items, token } = paginate(e.events, e.executionArn, maxResults, nextToken);
    return { ...metadata, events: items, nextToken: token };
  }

  private run(execution: ModelExecution, machine: ModelDefinition): void {
    let data = execution.input;
    for (let name: string | undefined = machine.StartAt; name; ) {
      const state: ModelState = machine.States[name];
      this.emit(execution, `${state.Type}StateEntered`, { stateEnteredEventDetails: { name, input: data, inputDetails: { truncated: false } } });
      if (state.Type === 'Fail') {
        Object.assign(execution, { status: 'FAILED', error: state.Error, cause: state.Cause, stopDate: new Date() });
        this.emit(execution, 'ExecutionFailed', { executionFailedEventDetails: { error: state.Error, cause: state.Cause } });
        return;
      }
      if (state.Type === 'Pass' && state.Result !== undefined) data = JSON.stringify(state.Result);
      this.emit(execution, `${state.Type}StateExited`, { stateExitedEventDetails: { name, output: data, outputDetails: { truncated: false } } });
      name = state.Type === 'Succeed' || state.End ? undefined : state.Next;
    }
    Object.assign(execution, { status: 'SUCCEEDED', output: data, stopDate: new Date() });
    this.emit(execution, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: data, outputDetails: { truncated: false } } });
  }

  private emit(execution: ModelExecution, type: string, details: Partial<HistoryEvent>): void {
    const id = execution.events.length + 1;
    execution.events.push({ timestamp: new Date(), type: type as HistoryEvent['type'], id, previousEventId: id - 1, ...details });
  }

  private execution(executionArn: string | undefined): ModelExecution {
    if (!executionArn?.startsWith('arn:aws:states:')) throw new InvalidArn({ ...metadata, message: `Invalid Arn: '${executionArn}'` });
    const execution = this.executions.get(executionArn);
    if (!execution) throw new ExecutionDoesNotExist({ ...metadata, message: `Execution Does Not Exist: '${executionArn}'` });
    return execution;
  }
}

/** maxResults 0 means the default 100; a token only works with the request that issued it. */
function paginate<T>(all: T[], scope: string, maxResults = 0, nextToken?: string): { items: T[]; token?: string } {
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) throw new ValidationException({ ...metadata, message: `maxResults ${maxResults} is not in 0..1000` });
  let offset = 0;
  if (nextToken) {
    const [tokenScope, at] = Buffer.from(nextToken, 'base64url').toString().split('#');
    if (tokenScope !== scope || !/^\d+$/.test(at ?? '')) throw new InvalidToken({ ...metadata, message: 'Invalid Token' });
    offset = Number(at);
  }
  const end = offset + (maxResults || 100);
  return { items: all.slice(offset, end), token: end < all.length ? Buffer.from(`${scope}#${end}`).toString('base64url') : undefined };
}
