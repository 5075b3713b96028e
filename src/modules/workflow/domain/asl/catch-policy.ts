/**
 * Catch handling: once retries are exhausted (or none matched), the first
 * Catcher whose ErrorEquals matches routes the execution to its Next state.
 */
import { Catcher, JsonValue } from './asl-types';
import { errorMatches, StatesError } from './errors';
import { writeResultPath } from './json-path';

export interface CatchDecision {
  next: string;
  catcherIndex: number;
  /** As declared on the Catcher; the spec default is `$` (the error output replaces the input). */
  resultPath: string | null;
  output: JsonValue;
}

/**
 * The error output is `{Error, Cause}`, placed into the state's RAW input via
 * the Catcher's ResultPath. Returns null when nothing matches, in which case
 * the caller must let the error fail the execution (or enclosing branch).
 */
export function decideCatch(
  catchers: readonly Catcher[] | undefined,
  error: StatesError,
  rawInput: JsonValue,
): CatchDecision | null {
  const catcherIndex = (catchers ?? []).findIndex((c) => errorMatches(c.ErrorEquals, error.error));
  if (catcherIndex < 0) return null;
  const catcher = catchers![catcherIndex];
  const resultPath = catcher.ResultPath === undefined ? '$' : catcher.ResultPath;
  const errorOutput: JsonValue = { Error: error.error, Cause: error.cause ?? '' };
  return { next: catcher.Next, catcherIndex, resultPath, output: writeResultPath(rawInput, resultPath, errorOutput) };
}
