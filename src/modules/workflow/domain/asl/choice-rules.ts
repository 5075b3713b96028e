/**
 * Choice state rule evaluation.
 *
 * Missing variables: the spec leaves this loose, but AWS Step Functions fails
 * the execution with States.Runtime when a Variable (or a *Path operand) does
 * not exist, unless the operator is IsPresent. We follow AWS so definitions
 * behave the same here as in production; guard optional fields with
 * `{"And": [{"Variable": ..., "IsPresent": true}, ...]}`.
 *
 * Type mismatches (e.g. StringEquals on a number) are not errors: the rule
 * simply does not match, as the spec specifies.
 */
import { ChoiceExpression, ChoiceState, ContextObject, DataTestExpression, JsonValue } from './asl-types';
import { StatesError, StatesErrorName } from './errors';
import { lookupPath, readPath } from './json-path';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const KINDS: Kind[] = ['String', 'Numeric', 'Boolean', 'Timestamp'];
const RELATIONS: Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/** RFC 3339 profile of ISO 8601 with uppercase T and Z, as the spec requires. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** Returns the Next of the first matching rule, else Default, else throws States.NoChoiceMatched. */
export function evaluateChoice(state: ChoiceState, input: JsonValue, context?: ContextObject): string {
  for (const rule of state.Choices) {
    if (evaluateExpression(rule, input, context)) return rule.Next;
  }
  if (state.Default !== undefined) return state.Default;
  throw new StatesError(StatesErrorName.NoChoiceMatched, 'No Choice rule matched and no Default was specified');
}

export function evaluateExpression(expr: ChoiceExpression, input: JsonValue, context?: ContextObject): boolean {
  if ('And' in expr && expr.And) return expr.And.every((e) => evaluateExpression(e, input, context));
  if ('Or' in expr && expr.Or) return expr.Or.some((e) => evaluateExpression(e, input, context));
  if ('Not' in expr && expr.Not) return !evaluateExpression(expr.Not, input, context);
  if ('Variable' in expr && typeof expr.Variable === 'string') return evaluateDataTest(expr, input, context);
  throw new StatesError(StatesErrorName.Runtime, `Invalid choice expression: ${JSON.stringify(expr)}`);
}

function evaluateDataTest(expr: DataTestExpression, input: JsonValue, context?: ContextObject): boolean {
  const lookup = lookupPath(input, expr.Variable, context);
  if (expr.IsPresent !== undefined) return lookup.found === expr.IsPresent;
  if (!lookup.found) {
    throw new StatesError(StatesErrorName.Runtime, `Invalid path '${expr.Variable}': the choice rule references a missing value`);
  }
  const value = lookup.value;

  for (const test of TYPE_TESTS) {
    const expected = expr[test];
    if (expected === undefined) continue;
    return typeTest(test, value) === expected;
  }
  if (expr.StringMatches !== undefined) {
    return typeof value === 'string' && typeof expr.StringMatches === 'string' && wildcardMatch(expr.StringMatches, value);
  }
  for (const kind of KINDS) {
    for (const relation of RELATIONS) {
      const op = `${kind}${relation}` as const;
      if (kind === 'Boolean' && relation !== 'Equals') continue;
      if (expr[op as keyof DataTestExpression] !== undefined) {
        return compare(kind, relation, value, expr[op as keyof DataTestExpression] as JsonValue);
      }
      const pathOp = `${op}Path` as keyof DataTestExpression;
      if (expr[pathOp] !== undefined) {
        const other = readPath(input, expr[pathOp] as string, context, StatesErrorName.Runtime);
        return compare(kind, relation, value, other);
      }
    }
  }
  throw new StatesError(StatesErrorName.Runtime, `Choice rule on '${expr.Variable}' has no comparison operator`);
}

function typeTest(test: (typeof TYPE_TESTS)[number], value: JsonValue): boolean {
  switch (test) {
    case 'IsNull':
      return value === null;
    case 'IsNumeric':
      return typeof value === 'number';
    case 'IsString':
      return typeof value === 'string';
    case 'IsBoolean':
      return typeof value === 'boolean';
    case 'IsTimestamp':
      return isTimestamp(value);
    case 'IsPresent':
      return true;
  }
}

function compare(kind: Kind, relation: Relation, left: JsonValue, right: JsonValue): boolean {
  let a: number | string | boolean;
  let b: number | string | boolean;
  switch (kind) {
    case 'String':
      if (typeof left !== 'string' || typeof right !== 'string') return false;
      [a, b] = [left, right];
      break;
    case 'Numeric':
      if (typeof left !== 'number' || typeof right !== 'number') return false;
      [a, b] = [left, right];
      break;
    case 'Boolean':
      return typeof left === 'boolean' && left === right;
    case 'Timestamp':
      if (!isTimestamp(left) || !isTimestamp(right)) return false;
      [a, b] = [Date.parse(left), Date.parse(right)];
      break;
  }
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
  }
}

/**
 * StringMatches: `*` matches any run of characters (including none); `\*` and
 * `\\` are literal. Compiled to an anchored regex with everything else escaped.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += escapeRegex(pattern[++i]);
    } else if (ch === '*') {
      source += '[\\s\\S]*';
    } else {
      source += escapeRegex(ch);
    }
  }
  return new RegExp(`^${source}$`).test(value);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
