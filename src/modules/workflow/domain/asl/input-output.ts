/**
 * Input and output processing in the order the spec prescribes:
 *   raw input -> InputPath -> Parameters -> (state work) -> ResultSelector
 *   -> ResultPath (merged into the RAW input) -> OutputPath -> state output.
 */
import { ContextObject, JsonValue, MapState, PassState, State } from './asl-types';
import { StatesError, StatesErrorName } from './errors';
import { IntrinsicEnv } from './intrinsic-functions';
import { isJsonObject, readPath, writeResultPath } from './json-path';
import { applyPayloadTemplate } from './payload-template';

export interface ProcessingContext {
  /** The `$$` context object; required only if the definition uses `$$` paths. */
  context?: ContextObject;
  env?: IntrinsicEnv;
}

/** Field access across the State union, which not every member declares. */
type AnyFields = {
  InputPath?: string | null;
  OutputPath?: string | null;
  Parameters?: JsonValue;
  ResultSelector?: JsonValue;
  ResultPath?: string | null;
};
const fields = (state: State): AnyFields => state as AnyFields;

/**
 * InputPath and OutputPath share semantics: absent means `$`, null means the
 * value is discarded and replaced by `{}` (not null, per the spec).
 */
export function selectPath(value: JsonValue, path: string | null | undefined, ctx: ProcessingContext = {}): JsonValue {
  if (path === null) return {};
  if (path === undefined || path === '$') return value;
  return readPath(value, path, ctx.context, StatesErrorName.Runtime);
}

/** Produces the effective input a state works on. */
export function processInput(state: State, rawInput: JsonValue, ctx: ProcessingContext = {}): JsonValue {
  const f = fields(state);
  const selected = selectPath(rawInput, f.InputPath, ctx);
  // On a Map state, Parameters is the deprecated name of ItemSelector and applies per item.
  if (state.Type === 'Map' || f.Parameters === undefined) return selected;
  if (!isJsonObject(f.Parameters)) return f.Parameters;
  return applyPayloadTemplate(f.Parameters, selected, {
    context: ctx.context,
    env: ctx.env,
    pathErrorName: StatesErrorName.ParameterPathFailure,
  });
}

/**
 * Produces the state output from its raw input and its result. States with
 * no result of their own (Choice, Wait, Succeed) should pass the effective
 * input as `result`; since they have no ResultPath it flows straight through.
 */
export function processOutput(
  state: State,
  rawInput: JsonValue,
  result: JsonValue,
  ctx: ProcessingContext = {},
): JsonValue {
  const f = fields(state);
  let selected = result;
  if (isJsonObject(f.ResultSelector)) {
    selected = applyPayloadTemplate(f.ResultSelector, result, {
      context: ctx.context,
      env: ctx.env,
      pathErrorName: StatesErrorName.Runtime,
    });
  }
  const merged = writeResultPath(rawInput, f.ResultPath, selected);
  return selectPath(merged, f.OutputPath, ctx);
}

/** A Pass state's result is its Result field, or its effective input when Result is absent. */
export function passStateResult(state: PassState, effectiveInput: JsonValue): JsonValue {
  return state.Result !== undefined ? structuredClone(state.Result) : effectiveInput;
}

/** Convenience for Choice/Wait/Succeed: InputPath then OutputPath, nothing in between. */
export function passThrough(state: State, rawInput: JsonValue, ctx: ProcessingContext = {}): JsonValue {
  return processOutput(state, rawInput, processInput(state, rawInput, ctx), ctx);
}

/** The array a Map state iterates over: ItemsPath (default `$`) against its effective input. */
export function mapItems(state: MapState, effectiveInput: JsonValue, ctx: ProcessingContext = {}): JsonValue[] {
  const items = selectPath(effectiveInput, state.ItemsPath, ctx);
  if (!Array.isArray(items)) {
    throw new StatesError(StatesErrorName.Runtime, `ItemsPath '${state.ItemsPath ?? '$'}' did not select an array`);
  }
  return items;
}

/**
 * Input for one Map iteration. ItemSelector (or the deprecated Parameters) is
 * evaluated against the Map's effective input with `$$.Map.Item.Index/Value`
 * added to the context; without one, the item itself is the input.
 */
export function mapItemInput(
  state: MapState,
  effectiveInput: JsonValue,
  item: JsonValue,
  index: number,
  ctx: ProcessingContext = {},
): JsonValue {
  const selector = state.ItemSelector ?? state.Parameters;
  if (!selector) return item;
  const context = { ...(ctx.context ?? {}), Map: { Item: { Index: index, Value: item } } };
  return applyPayloadTemplate(selector, effectiveInput, {
    context,
    env: ctx.env,
    pathErrorName: StatesErrorName.ParameterPathFailure,
  });
}
