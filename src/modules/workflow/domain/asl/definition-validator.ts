/**
 * Structural validation of a state machine definition: the JSON-schema based
 * `asl-validator` package, plus checks it does not perform (transition targets
 * resolved within their own States scope, States.ALL placement).
 */
import type aslValidatorModule from 'asl-validator';
import { Catcher, Retrier, State, StateMachine } from './asl-types';
import { validateErrorEqualsList } from './errors';

export interface DefinitionValidationOptions {
  /**
   * Require Task Resource values to be AWS ARNs. Off by default because this
   * engine resolves resources itself and need not use ARNs.
   */
  checkArn?: boolean;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid state machine definition:\n- ${problems.join('\n- ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

export function validateDefinition(definition: unknown, options: DefinitionValidationOptions = {}): string[] {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return ['Definition must be a JSON object'];
  }
  // Required on first use: loading it (ajv and its schemas) is a cost boots should not pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const aslValidator = require('asl-validator') as typeof aslValidatorModule;
  // asl-validator annotates the object it is given (QueryLanguage), so hand it a copy.
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: options.checkArn ?? false });
  const problems = result.errors.map((e) => `${e['Error code']}: ${e.Message}`);
  // Our own checks assume the schema holds; running them on malformed input only adds noise.
  if (problems.some((p) => p.startsWith('SCHEMA_VALIDATION_FAILED'))) return problems;
  return [...problems, ...checkScope(definition as StateMachine, 'States')];
}

export function assertValidDefinition(
  definition: unknown,
  options: DefinitionValidationOptions = {},
): asserts definition is StateMachine {
  const problems = validateDefinition(definition, options);
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
}

/**
 * Every transition must name a state of the same States object: the spec does
 * not allow a branch or Map iteration to jump into its parent machine.
 */
function checkScope(machine: Pick<StateMachine, 'StartAt' | 'States'>, where: string): string[] {
  const problems: string[] = [];
  const names = new Set(Object.keys(machine.States ?? {}));
  const target = (name: string | undefined, field: string) => {
    if (name !== undefined && !names.has(name)) problems.push(`${field}: target state '${name}' does not exist in ${where}`);
  };
  target(machine.StartAt, `${where}.StartAt`);
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    const at = `${where}.${name}`;
    problems.push(...checkState(state, at, target));
  }
  return problems;
}

function checkState(state: State, at: string, target: (name: string | undefined, field: string) => void): string[] {
  const problems: string[] = [];
  if ('Next' in state) target(state.Next, `${at}.Next`);
  if (state.Type === 'Choice') {
    state.Choices?.forEach((rule, i) => target(rule.Next, `${at}.Choices[${i}].Next`));
    target(state.Default, `${at}.Default`);
  }
  if ('Retry' in state && state.Retry) {
    problems.push(...validateErrorEqualsList(state.Retry.map((r: Retrier) => r.ErrorEquals), `${at}.Retry`));
  }
  if ('Catch' in state && state.Catch) {
    problems.push(...validateErrorEqualsList(state.Catch.map((c: Catcher) => c.ErrorEquals), `${at}.Catch`));
    state.Catch.forEach((c: Catcher, i: number) => target(c.Next, `${at}.Catch[${i}].Next`));
  }
  if (state.Type === 'Parallel') {
    state.Branches?.forEach((branch, i) => problems.push(...checkScope(branch, `${at}.Branches[${i}]`)));
  }
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) problems.push(...checkScope(processor, `${at}.${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`));
  }
  return problems;
}
