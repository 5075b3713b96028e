/**
 * Types for an Amazon States Language definition. Field names keep the
 * spec's PascalCase so a parsed JSON definition can be typed without mapping.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A Parameters / ResultSelector / ItemSelector template (keys may end in ".$"). */
export type PayloadTemplate = JsonObject;

export interface StateMachine {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
}

export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

interface BaseState {
  Type: StateType;
  Comment?: string;
}

/** InputPath/OutputPath: null means "discard" (empty object), absent means "$". */
interface InputOutputFields {
  InputPath?: string | null;
  OutputPath?: string | null;
}

/** Exactly one of Next or End: true must be present on non-terminal states. */
interface Transition {
  Next?: string;
  End?: boolean;
}

interface ResultFields {
  ResultPath?: string | null;
  Parameters?: PayloadTemplate;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

interface ErrorHandling {
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface TaskState extends BaseState, InputOutputFields, Transition, ResultFields, ErrorHandling {
  Type: 'Task';
  Resource: string;
  ResultSelector?: PayloadTemplate;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
}

export interface PassState extends BaseState, InputOutputFields, Transition, ResultFields {
  Type: 'Pass';
  Result?: JsonValue;
}

export interface WaitState extends BaseState, InputOutputFields, Transition {
  Type: 'Wait';
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends BaseState, InputOutputFields {
  Type: 'Succeed';
}

export interface FailState extends BaseState {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

export interface ParallelState extends BaseState, InputOutputFields, Transition, ResultFields, ErrorHandling {
  Type: 'Parallel';
  Branches: Array<Pick<StateMachine, 'StartAt' | 'States' | 'Comment'>>;
  ResultSelector?: PayloadTemplate;
}

export interface ItemProcessor {
  ProcessorConfig?: { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS' };
  StartAt: string;
  States: Record<string, State>;
}

export interface MapState extends BaseState, InputOutputFields, Transition, ResultFields, ErrorHandling {
  Type: 'Map';
  ItemsPath?: string;
  /** Current name; `Iterator` is the deprecated spelling kept for older definitions. */
  ItemProcessor?: ItemProcessor;
  Iterator?: Pick<StateMachine, 'StartAt' | 'States'>;
  /** Current name; `Parameters` on a Map is the deprecated spelling. */
  ItemSelector?: PayloadTemplate;
  ResultSelector?: PayloadTemplate;
  MaxConcurrency?: number;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number;
  ToleratedFailureCount?: number;
}

// ----- Choice rules -----

export type ComparisonOperator =
  | 'StringEquals' | 'StringEqualsPath'
  | 'StringLessThan' | 'StringLessThanPath'
  | 'StringGreaterThan' | 'StringGreaterThanPath'
  | 'StringLessThanEquals' | 'StringLessThanEqualsPath'
  | 'StringGreaterThanEquals' | 'StringGreaterThanEqualsPath'
  | 'StringMatches'
  | 'NumericEquals' | 'NumericEqualsPath'
  | 'NumericLessThan' | 'NumericLessThanPath'
  | 'NumericGreaterThan' | 'NumericGreaterThanPath'
  | 'NumericLessThanEquals' | 'NumericLessThanEqualsPath'
  | 'NumericGreaterThanEquals' | 'NumericGreaterThanEqualsPath'
  | 'BooleanEquals' | 'BooleanEqualsPath'
  | 'TimestampEquals' | 'TimestampEqualsPath'
  | 'TimestampLessThan' | 'TimestampLessThanPath'
  | 'TimestampGreaterThan' | 'TimestampGreaterThanPath'
  | 'TimestampLessThanEquals' | 'TimestampLessThanEqualsPath'
  | 'TimestampGreaterThanEquals' | 'TimestampGreaterThanEqualsPath'
  | 'IsNull' | 'IsPresent' | 'IsNumeric' | 'IsString' | 'IsBoolean' | 'IsTimestamp';

/** A data-test expression: a Variable plus exactly one comparison operator. */
export type DataTestExpression = { Variable: string } & Partial<Record<ComparisonOperator, JsonValue>>;

/** Boolean combinators; the Next field is only allowed on top-level rules. */
export interface BooleanExpression {
  And?: ChoiceExpression[];
  Or?: ChoiceExpression[];
  Not?: ChoiceExpression;
}

export type ChoiceExpression = DataTestExpression | BooleanExpression;
export type ChoiceRule = ChoiceExpression & { Next: string };

export interface ChoiceState extends BaseState, InputOutputFields {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

export type State =
  | TaskState
  | PassState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

/**
 * The context object ("$$") made available to paths and templates. Only the
 * shape is fixed here; the engine decides what it fills in.
 */
export type ContextObject = JsonObject;
