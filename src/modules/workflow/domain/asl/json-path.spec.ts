import { StatesError } from './errors';
import { lookupPath, parsePath, readPath, writeResultPath } from './json-path';

describe('json-path', () => {
  const input = { a: { b: [10, { c: 'x' }] }, 'a b': 1, nul: null };

  it('parses the reference-path forms ASL allows', () => {
    expect(parsePath('$')).toEqual({ root: 'input', segments: [] });
    expect(parsePath('$.a.b[1].c')).toEqual({ root: 'input', segments: ['a', 'b', 1, 'c'] });
    expect(parsePath("$['a b']")).toEqual({ root: 'input', segments: ['a b'] });
    expect(parsePath('$$.Execution.Id')).toEqual({ root: 'context', segments: ['Execution', 'Id'] });
  });

  it.each(['a.b', '$..a', '$.a[*]', '$.a[?(@.x)]', "$['unterminated"])('rejects %s', (path) => {
    expect(() => parsePath(path)).toThrow(StatesError);
  });

  it('reads values, including null and the context object', () => {
    expect(readPath(input, '$')).toBe(input);
    expect(readPath(input, '$.a.b[0]')).toBe(10);
    expect(readPath(input, '$.a.b[1].c')).toBe('x');
    expect(readPath(input, "$['a b']")).toBe(1);
    expect(readPath(input, '$.nul')).toBeNull();
    expect(readPath(input, '$$.Execution.Id', { Execution: { Id: 'e-1' } })).toBe('e-1');
  });

  it('throws States.Runtime when the path matches nothing', () => {
    expect(() => readPath(input, '$.missing')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
    expect(() => readPath(input, '$.a.b[5]')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
    expect(() => readPath(input, '$$.Execution')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
    expect(lookupPath(input, '$.nul')).toEqual({ found: true, value: null });
    expect(lookupPath(input, '$.none')).toEqual({ found: false });
  });

  describe('writeResultPath', () => {
    const raw = { title: 'Numbers to add', numbers: { val1: 3, val2: 4 } };

    it('`$` (or absent) replaces the input with the result', () => {
      expect(writeResultPath(raw, '$', 7)).toBe(7);
      expect(writeResultPath(raw, undefined, 7)).toBe(7);
    });

    it('null discards the result and keeps the input', () => {
      expect(writeResultPath(raw, null, 7)).toBe(raw);
    });

    it('places the result inside a copy of the input, creating objects as needed', () => {
      expect(writeResultPath(raw, '$.sum', 7)).toEqual({ ...raw, sum: 7 });
      expect(writeResultPath(raw, '$.x.y.z', 7)).toEqual({ ...raw, x: { y: { z: 7 } } });
      expect(writeResultPath(raw, '$.numbers.val1', 9)).toEqual({ ...raw, numbers: { val1: 9, val2: 4 } });
      expect(raw).toEqual({ title: 'Numbers to add', numbers: { val1: 3, val2: 4 } });
    });

    it('fails with States.ResultPathMatchFailure when the input cannot hold the result', () => {
      const err = { error: 'States.ResultPathMatchFailure' };
      expect(() => writeResultPath('text', '$.a', 1)).toThrow(expect.objectContaining(err));
      expect(() => writeResultPath({ title: 'x' }, '$.title.sub', 1)).toThrow(expect.objectContaining(err));
      expect(() => writeResultPath({}, '$$.x', 1)).toThrow(expect.objectContaining(err));
    });
  });
});
