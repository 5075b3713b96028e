import { assertValidDefinition, InvalidDefinitionError, validateDefinition } from './definition-validator';

const valid = {
  Comment: 'Retries then catches',
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'orders.reserve',
      Retry: [{ ErrorEquals: ['Transient'], MaxAttempts: 2 }, { ErrorEquals: ['States.ALL'] }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed', ResultPath: '$.error' }],
      Next: 'Fan',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Boom', Cause: 'work failed' },
  },
};

describe('definition-validator', () => {
  it('accepts a valid definition (non-ARN resources allowed by default)', () => {
    expect(validateDefinition(valid)).toEqual([]);
    expect(() => assertValidDefinition(valid)).not.toThrow();
  });

  it('does not mutate the definition it is given', () => {
    const copy = structuredClone(valid);
    validateDefinition(copy);
    expect(copy).toEqual(valid);
  });

  it('reports schema errors and missing transition targets', () => {
    expect(validateDefinition({ StartAt: 'A', States: { A: { Type: 'Bogus' } } }).join()).toMatch(/SCHEMA_VALIDATION_FAILED/);
    const missing = structuredClone(valid);
    missing.States.Work.Next = 'Nowhere';
    expect(validateDefinition(missing).join('\n')).toMatch(/Nowhere/);
    expect(validateDefinition(null)).toEqual(['Definition must be a JSON object']);
  });

  it('rejects States.ALL that is not alone or not last', () => {
    const bad = structuredClone(valid);
    bad.States.Work.Retry = [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['Transient'], MaxAttempts: 2 }];
    bad.States.Work.Catch = [{ ErrorEquals: ['States.ALL', 'X'], Next: 'Failed', ResultPath: '$.error' }];
    const problems = validateDefinition(bad);
    expect(problems).toContain('States.Work.Retry[0]: States.ALL must be in the last element');
    expect(problems).toContain('States.Work.Catch[0]: States.ALL must appear alone in ErrorEquals');
  });

  it('rejects transitions out of a Parallel branch', () => {
    const bad = structuredClone(valid) as Record<string, any>;
    bad.States.Fan.Branches[0].States.B1 = { Type: 'Pass', Next: 'Done' };
    expect(validateDefinition(bad).join('\n')).toMatch(/Done/);
  });

  it('assertValidDefinition throws a descriptive error', () => {
    expect(() => assertValidDefinition({ StartAt: 'X', States: {} })).toThrow(InvalidDefinitionError);
    expect(() => assertValidDefinition({ StartAt: 'X', States: {} })).toThrow(/Invalid state machine definition/);
  });
});
