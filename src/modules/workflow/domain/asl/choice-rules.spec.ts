import { ChoiceState, JsonValue } from './asl-types';
import { evaluateChoice, evaluateExpression, isTimestamp, wildcardMatch } from './choice-rules';

const test = (expr: object, input: JsonValue) => evaluateExpression(expr as never, input);

describe('choice-rules', () => {
  // The spec's Choice state example.
  const state: ChoiceState = {
    Type: 'Choice',
    Choices: [
      { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
      {
        And: [
          { Variable: '$.value', IsPresent: true },
          { Variable: '$.value', IsNumeric: true },
          { Variable: '$.value', NumericGreaterThanEquals: 20 },
          { Variable: '$.value', NumericLessThan: 30 },
        ],
        Next: 'ValueInTwenties',
      },
      { Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold', Next: 'StartAudit' },
    ],
    Default: 'DefaultState',
  };

  it('returns the Next of the first matching rule, else Default', () => {
    expect(evaluateChoice(state, { type: 'Public' })).toBe('Public');
    expect(evaluateChoice(state, { type: 'Private', value: 25 })).toBe('ValueInTwenties');
    expect(evaluateChoice(state, { type: 'Private', value: 35, rating: 53, auditThreshold: 50 })).toBe('StartAudit');
    expect(evaluateChoice(state, { type: 'Private', value: 35, rating: 5, auditThreshold: 50 })).toBe('DefaultState');
  });

  it('throws States.NoChoiceMatched without a Default', () => {
    const noDefault = { ...state, Default: undefined };
    expect(() => evaluateChoice(noDefault, { type: 'Private', value: 1, rating: 1, auditThreshold: 2 })).toThrow(
      expect.objectContaining({ error: 'States.NoChoiceMatched' }),
    );
  });

  it('raises States.Runtime for a missing Variable (AWS behaviour) unless IsPresent is used', () => {
    expect(() => test({ Variable: '$.missing', StringEquals: 'x' }, {})).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }),
    );
    expect(() => test({ Variable: '$.a', NumericEqualsPath: '$.missing' }, { a: 1 })).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }),
    );
    expect(test({ Variable: '$.missing', IsPresent: false }, {})).toBe(true);
    expect(test({ Variable: '$.missing', IsPresent: true }, {})).toBe(false);
    expect(test({ Variable: '$.n', IsPresent: true }, { n: null })).toBe(true);
  });

  it('type mismatches do not match', () => {
    expect(test({ Variable: '$.v', StringEquals: '1' }, { v: 1 })).toBe(false);
    expect(test({ Variable: '$.v', NumericEquals: 1 }, { v: '1' })).toBe(false);
    expect(test({ Variable: '$.v', BooleanEquals: true }, { v: 'true' })).toBe(false);
  });

  it('compares strings, numbers and booleans, literal and via Path', () => {
    const input = { s: 'b', n: 2, t: true, other: 'c', two: 2 };
    expect(test({ Variable: '$.s', StringLessThan: 'c' }, input)).toBe(true);
    expect(test({ Variable: '$.s', StringGreaterThanEquals: 'b' }, input)).toBe(true);
    expect(test({ Variable: '$.s', StringLessThanPath: '$.other' }, input)).toBe(true);
    expect(test({ Variable: '$.n', NumericLessThanEquals: 2 }, input)).toBe(true);
    expect(test({ Variable: '$.n', NumericGreaterThan: 2 }, input)).toBe(false);
    expect(test({ Variable: '$.n', NumericEqualsPath: '$.two' }, input)).toBe(true);
    expect(test({ Variable: '$.t', BooleanEquals: true }, input)).toBe(true);
    expect(test({ Variable: '$.t', BooleanEqualsPath: '$.t' }, input)).toBe(true);
  });

  it('compares timestamps by instant, across offsets', () => {
    const input = { at: '2016-03-14T01:59:00Z', same: '2016-03-14T02:59:00+01:00', bad: 'yesterday' };
    expect(test({ Variable: '$.at', TimestampEquals: '2016-03-14T01:59:00Z' }, input)).toBe(true);
    expect(test({ Variable: '$.at', TimestampEqualsPath: '$.same' }, input)).toBe(true);
    expect(test({ Variable: '$.at', TimestampLessThan: '2016-03-14T02:00:00Z' }, input)).toBe(true);
    expect(test({ Variable: '$.at', TimestampGreaterThanEquals: '2016-03-14T01:59:00.001Z' }, input)).toBe(false);
    expect(test({ Variable: '$.bad', TimestampLessThan: '2016-03-14T02:00:00Z' }, input)).toBe(false);
    expect(isTimestamp('2016-03-14T01:59:00Z')).toBe(true);
    expect(isTimestamp('2016-03-14t01:59:00z')).toBe(false);
    expect(isTimestamp('2016-03-14')).toBe(false);
  });

  it('supports the type tests', () => {
    const input = { n: null, num: 1.5, s: 'x', b: false, ts: '2020-01-01T00:00:00Z' };
    expect(test({ Variable: '$.n', IsNull: true }, input)).toBe(true);
    expect(test({ Variable: '$.num', IsNumeric: true }, input)).toBe(true);
    expect(test({ Variable: '$.s', IsNumeric: false }, input)).toBe(true);
    expect(test({ Variable: '$.s', IsString: true }, input)).toBe(true);
    expect(test({ Variable: '$.b', IsBoolean: true }, input)).toBe(true);
    expect(test({ Variable: '$.ts', IsTimestamp: true }, input)).toBe(true);
    expect(test({ Variable: '$.s', IsTimestamp: true }, input)).toBe(false);
  });

  it('StringMatches supports * wildcards and \\* escapes', () => {
    expect(wildcardMatch('log-*.txt', 'log-2020.txt')).toBe(true);
    expect(wildcardMatch('*.log', 'a.log')).toBe(true);
    expect(wildcardMatch('*.log', 'a.log.txt')).toBe(false);
    expect(wildcardMatch('a\\*b', 'a*b')).toBe(true);
    expect(wildcardMatch('a\\*b', 'axxb')).toBe(false);
    expect(wildcardMatch('(x)+[y]', '(x)+[y]')).toBe(true);
    expect(test({ Variable: '$.f', StringMatches: '*.csv' }, { f: 'data.csv' })).toBe(true);
  });

  it('supports Or and nested boolean expressions', () => {
    const expr = { Or: [{ Variable: '$.a', NumericEquals: 1 }, { Not: { Variable: '$.b', BooleanEquals: true } }] };
    expect(test(expr, { a: 1, b: true })).toBe(true);
    expect(test(expr, { a: 2, b: false })).toBe(true);
    expect(test(expr, { a: 2, b: true })).toBe(false);
  });

  it('rejects rules without an operator', () => {
    expect(() => test({ Variable: '$.a' }, { a: 1 })).toThrow(/no comparison operator/);
  });
});
