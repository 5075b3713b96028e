/**
 * Errors raised while interpreting a state machine. The interpreter surfaces
 * every failure as a named States error so that Retry/Catch can match on it,
 * exactly as the States Language spec requires.
 */

/** Predefined error names from the spec ("Errors" section). */
export const StatesErrorName = {
  ALL: 'States.ALL',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Timeout: 'States.Timeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  Runtime: 'States.Runtime',
} as const;

export class StatesError extends Error {
  constructor(
    /** The error name used for ErrorEquals matching (e.g. "States.Timeout"). */
    readonly error: string,
    /** Human-readable explanation; becomes the "Cause" field seen by catchers. */
    readonly cause?: string,
  ) {
    super(cause ? `${error}: ${cause}` : error);
    this.name = 'StatesError';
  }
}

/** Normalises anything thrown by a task into the {error, cause} pair ASL reasons about. */
export function toStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) return new StatesError(thrown.name || StatesErrorName.TaskFailed, thrown.message);
  return new StatesError(StatesErrorName.TaskFailed, typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}

/**
 * Does a Retrier/Catcher's ErrorEquals list match this error name?
 *
 * States.ALL is a wildcard. States.TaskFailed is a wildcard for everything
 * except States.Timeout: the spec says TaskFailed "matches any known error
 * except for States.Timeout", so a timeout is only caught by an explicit
 * States.Timeout or States.ALL.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((candidate) => {
    if (candidate === StatesErrorName.ALL) return true;
    if (candidate === StatesErrorName.TaskFailed) return error !== StatesErrorName.Timeout;
    return candidate === error;
  });
}

/**
 * The spec requires States.ALL to be the only name in its ErrorEquals and to
 * appear in the last Retrier/Catcher, because anything after it is unreachable.
 * Returns human-readable problems; empty when the list is valid.
 */
export function validateErrorEqualsList(lists: readonly (readonly string[])[], where: string): string[] {
  const problems: string[] = [];
  lists.forEach((errorEquals, index) => {
    if (!Array.isArray(errorEquals) || errorEquals.length === 0) {
      problems.push(`${where}[${index}].ErrorEquals must be a non-empty array`);
      return;
    }
    if (!errorEquals.includes(StatesErrorName.ALL)) return;
    if (errorEquals.length > 1) problems.push(`${where}[${index}]: States.ALL must appear alone in ErrorEquals`);
    if (index !== lists.length - 1) problems.push(`${where}[${index}]: States.ALL must be in the last element`);
  });
  return problems;
}
