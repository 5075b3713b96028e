import { evaluateIntrinsic } from './intrinsic-functions';
import { parseIntrinsic } from './intrinsic-parser';
import { applyPayloadTemplate } from './payload-template';

describe('payload-template', () => {
  it('evaluates `.$` fields against the input and context (spec Parameters example)', () => {
    const template = {
      flagged: true,
      parts: { first: { 'name.$': '$.vals[0]' }, last: [{ 'v.$': '$.vals[3]' }, 'literal'] },
      'weight.$': '$.weight',
      'exec.$': '$$.Execution.Id',
    };
    const input = { flagged: 7, vals: [0, 10, 20, 30, 40], weight: 12 };
    expect(applyPayloadTemplate(template, input, { context: { Execution: { Id: 'exec-1' } } })).toEqual({
      flagged: true,
      parts: { first: { name: 0 }, last: [{ v: 30 }, 'literal'] },
      weight: 12,
      exec: 'exec-1',
    });
  });

  it('fails with States.ParameterPathFailure (or the chosen error) for missing paths', () => {
    expect(() => applyPayloadTemplate({ 'x.$': '$.nope' }, {})).toThrow(
      expect.objectContaining({ error: 'States.ParameterPathFailure' }),
    );
    expect(() => applyPayloadTemplate({ 'x.$': '$.nope' }, {}, { pathErrorName: 'States.Runtime' })).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }),
    );
  });

  it('rejects non-path, non-intrinsic `.$` values and duplicated output keys', () => {
    expect(() => applyPayloadTemplate({ 'x.$': 'hello' }, {})).toThrow(/neither a path/);
    expect(() => applyPayloadTemplate({ 'x.$': 5 }, {})).toThrow(/must be a path/);
    expect(() => applyPayloadTemplate({ x: 1, 'x.$': '$' }, {})).toThrow(/both/);
  });

  it('evaluates intrinsic functions, including nested calls', () => {
    const input = { name: 'Ada', xs: [1, 2, 3], obj: { a: 1 }, json: '{"k":[1,2]}' };
    const out = applyPayloadTemplate(
      {
        'greeting.$': "States.Format('Hello, {}! You have {} items', $.name, States.ArrayLength($.xs))",
        'parsed.$': 'States.StringToJson($.json)',
        'str.$': 'States.JsonToString($.obj)',
        'arr.$': "States.Array('a', 1, true, null, $.obj)",
        'second.$': 'States.ArrayGetItem($.xs, 1)',
        'sum.$': 'States.MathAdd($.xs[2], -5)',
        'id.$': 'States.UUID()',
      },
      input,
      { env: { randomUUID: () => 'fixed-uuid' } },
    );
    expect(out).toEqual({
      greeting: 'Hello, Ada! You have 3 items',
      parsed: { k: [1, 2] },
      str: '{"a":1}',
      arr: ['a', 1, true, null, { a: 1 }],
      second: 2,
      sum: -2,
      id: 'fixed-uuid',
    });
  });
});

describe('intrinsic functions', () => {
  const run = (expr: string, input: unknown = {}) => evaluateIntrinsic(expr, { input: input as never });

  it('parses quoted strings with escapes and paths containing brackets', () => {
    expect(parseIntrinsic("States.Format('it\\'s {} \\{literal\\}', $['a, b'])").args).toEqual([
      { kind: 'string', value: "it's {} {literal}", raw: "it\\'s {} \\{literal\\}" },
      { kind: 'path', path: "$['a, b']" },
    ]);
    expect(run("States.Format('it\\'s {} \\{x\\} \\\\', $['a, b'])", { 'a, b': 42 })).toBe("it's 42 {x} \\");
  });

  it('reports malformed expressions and argument errors as States.IntrinsicFailure', () => {
    const failure = expect.objectContaining({ error: 'States.IntrinsicFailure' });
    expect(() => parseIntrinsic("States.Format('x'")).toThrow(failure);
    expect(() => run('States.Nope()')).toThrow(failure);
    expect(() => run("States.Format('{} {}', 1)")).toThrow(failure);
    expect(() => run("States.StringToJson('{bad')")).toThrow(failure);
    expect(() => run('States.ArrayGetItem(States.Array(1), 3)')).toThrow(failure);
    expect(() => run('States.MathAdd(1.5, 1)')).toThrow(failure);
    expect(() => run('States.ArrayLength($.missing)')).toThrow(failure);
  });

  it('implements the array, string, math and hash helpers', () => {
    expect(run('States.ArrayPartition(States.Array(1,2,3,4,5), 2)')).toEqual([[1, 2], [3, 4], [5]]);
    expect(run('States.ArrayContains($.xs, 2)', { xs: [1, 2] })).toBe(true);
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayUnique(States.Array(1,1,2,1))')).toEqual([1, 2]);
    expect(run("States.Base64Decode(States.Base64Encode('Data to encode'))")).toBe('Data to encode');
    expect(run("States.Base64Encode('Data to encode')")).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run("States.StringSplit('1,2,3', ',')")).toEqual(['1', '2', '3']);
    expect(run('States.JsonMerge($.a, $.b, false)', { a: { x: 1, y: 1 }, b: { y: 2 } })).toEqual({ x: 1, y: 2 });
    expect(run("States.Hash('input data', 'SHA-1')")).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(evaluateIntrinsic('States.MathRandom(1, 999)', { input: {}, env: { random: () => 0.5 } })).toBe(500);
  });
});
