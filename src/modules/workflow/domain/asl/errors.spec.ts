import { errorMatches, StatesError, toStatesError, validateErrorEqualsList } from './errors';

describe('errors', () => {
  it('States.ALL matches everything, including States.Timeout', () => {
    for (const e of ['States.Timeout', 'States.TaskFailed', 'Custom.Error', 'States.Runtime']) {
      expect(errorMatches(['States.ALL'], e)).toBe(true);
    }
  });

  it('States.TaskFailed matches any error except States.Timeout', () => {
    expect(errorMatches(['States.TaskFailed'], 'Custom.Error')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Permissions')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.TaskFailed', 'States.Timeout'], 'States.Timeout')).toBe(true);
  });

  it('other names match exactly and case-sensitively', () => {
    expect(errorMatches(['HandledError'], 'HandledError')).toBe(true);
    expect(errorMatches(['HandledError'], 'handlederror')).toBe(false);
    expect(errorMatches(['A', 'B'], 'B')).toBe(true);
    expect(errorMatches([], 'B')).toBe(false);
  });

  it('requires States.ALL to be alone and in the last element', () => {
    expect(validateErrorEqualsList([['A'], ['States.ALL']], 'Retry')).toEqual([]);
    expect(validateErrorEqualsList([['States.ALL', 'A']], 'Retry')).toEqual([
      'Retry[0]: States.ALL must appear alone in ErrorEquals',
    ]);
    expect(validateErrorEqualsList([['States.ALL'], ['A']], 'Catch')).toEqual([
      'Catch[0]: States.ALL must be in the last element',
    ]);
    expect(validateErrorEqualsList([[]], 'Catch')).toHaveLength(1);
  });

  it('normalises thrown values into StatesErrors', () => {
    const e = new StatesError('States.Timeout', 'too slow');
    expect(toStatesError(e)).toBe(e);
    expect(toStatesError(new TypeError('bad'))).toMatchObject({ error: 'TypeError', cause: 'bad' });
    expect(toStatesError('boom')).toMatchObject({ error: 'States.TaskFailed', cause: 'boom' });
  });
});
