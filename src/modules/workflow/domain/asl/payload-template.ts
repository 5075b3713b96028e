/**
 * Payload templates (Parameters, ResultSelector, ItemSelector). A key ending
 * in `.$` has its value replaced by the result of a path or intrinsic call and
 * loses the suffix; every other value is copied as-is, recursing into objects
 * and arrays.
 */
import { ContextObject, JsonValue, PayloadTemplate } from './asl-types';
import { StatesError, StatesErrorName } from './errors';
import { evaluateIntrinsic, IntrinsicEnv } from './intrinsic-functions';
import { isIntrinsicExpression } from './intrinsic-parser';
import { isJsonObject, readPath } from './json-path';

export interface TemplateOptions {
  context?: ContextObject;
  env?: IntrinsicEnv;
  /**
   * Error raised when a `.$` path matches nothing. The spec names
   * States.ParameterPathFailure for Parameters; AWS reports States.Runtime for
   * ResultSelector, so the caller chooses.
   */
  pathErrorName?: string;
}

export function applyPayloadTemplate(template: PayloadTemplate, input: JsonValue, options: TemplateOptions = {}): JsonValue {
  return applyValue(template, input, options);
}

function applyValue(value: JsonValue, input: JsonValue, options: TemplateOptions): JsonValue {
  if (Array.isArray(value)) return value.map((item) => applyValue(item, input, options));
  if (!isJsonObject(value)) return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, field] of Object.entries(value)) {
    if (!key.endsWith('.$')) {
      out[key] = applyValue(field, input, options);
      continue;
    }
    const name = key.slice(0, -2);
    if (Object.prototype.hasOwnProperty.call(value, name)) {
      // Both "x" and "x.$" would write the same output key; the spec treats this as invalid.
      throw new StatesError(StatesErrorName.Runtime, `Template defines both '${name}' and '${key}'`);
    }
    if (typeof field !== 'string') {
      throw new StatesError(StatesErrorName.Runtime, `Template field '${key}' must be a path or intrinsic function string`);
    }
    out[name] = evaluateDynamicField(field, input, options);
  }
  return out;
}

function evaluateDynamicField(expression: string, input: JsonValue, options: TemplateOptions): JsonValue {
  if (expression.startsWith('$')) {
    return readPath(input, expression, options.context, options.pathErrorName ?? StatesErrorName.ParameterPathFailure);
  }
  if (isIntrinsicExpression(expression)) {
    return evaluateIntrinsic(expression, { input, context: options.context, env: options.env });
  }
  throw new StatesError(StatesErrorName.Runtime, `'${expression}' is neither a path nor an intrinsic function`);
}
