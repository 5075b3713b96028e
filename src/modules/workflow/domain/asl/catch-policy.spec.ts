import { Catcher } from './asl-types';
import { decideCatch } from './catch-policy';
import { StatesError } from './errors';

describe('catch-policy', () => {
  const rawInput = { order: 1 };
  const error = new StatesError('java.lang.Exception', 'boom');

  it('routes to the first matching catcher, replacing the input by default', () => {
    const catchers: Catcher[] = [
      { ErrorEquals: ['Other'], Next: 'Nope' },
      { ErrorEquals: ['java.lang.Exception'], Next: 'RecoveryState' },
      { ErrorEquals: ['States.ALL'], Next: 'EndState' },
    ];
    expect(decideCatch(catchers, error, rawInput)).toEqual({
      next: 'RecoveryState',
      catcherIndex: 1,
      resultPath: '$',
      output: { Error: 'java.lang.Exception', Cause: 'boom' },
    });
  });

  it('honours the catcher ResultPath', () => {
    const decision = decideCatch([{ ErrorEquals: ['States.ALL'], Next: 'R', ResultPath: '$.error-info' }], error, rawInput);
    expect(decision?.output).toEqual({ order: 1, 'error-info': { Error: 'java.lang.Exception', Cause: 'boom' } });
    const discard = decideCatch([{ ErrorEquals: ['States.ALL'], Next: 'R', ResultPath: null }], error, rawInput);
    expect(discard?.output).toEqual(rawInput);
  });

  it('returns null when nothing matches, so the error propagates', () => {
    expect(decideCatch([{ ErrorEquals: ['Other'], Next: 'X' }], error, rawInput)).toBeNull();
    expect(decideCatch(undefined, error, rawInput)).toBeNull();
    const timeout = new StatesError('States.Timeout');
    expect(decideCatch([{ ErrorEquals: ['States.TaskFailed'], Next: 'X' }], timeout, rawInput)).toBeNull();
    expect(decideCatch([{ ErrorEquals: ['States.ALL'], Next: 'X' }], timeout, rawInput)?.output).toEqual({
      Error: 'States.Timeout',
      Cause: '',
    });
  });
});
