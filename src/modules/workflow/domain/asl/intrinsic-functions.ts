/**
 * Evaluation of the States.* intrinsic functions. Randomness (UUID,
 * MathRandom) comes from an injectable environment so that replaying a
 * durable execution, or a test, can make it deterministic.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ContextObject, JsonValue } from './asl-types';
import { StatesError, StatesErrorName } from './errors';
import { IntrinsicArg, IntrinsicCall, parseIntrinsic } from './intrinsic-parser';
import { isJsonObject, readPath } from './json-path';

export interface IntrinsicEnv {
  randomUUID?: () => string;
  /** Uniform in [0, 1), like Math.random. */
  random?: () => number;
}

export interface EvalScope {
  input: JsonValue;
  context?: ContextObject;
  env?: IntrinsicEnv;
}

type Fn = (args: JsonValue[], scope: EvalScope, call: IntrinsicCall) => JsonValue;

const fail = (name: string, why: string): never => {
  throw new StatesError(StatesErrorName.IntrinsicFailure, `${name}: ${why}`);
};

function arity(name: string, args: JsonValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    fail(name, `expected ${min === max ? min : `${min}-${max}`} argument(s), got ${args.length}`);
  }
}

function asString(name: string, v: JsonValue): string {
  return typeof v === 'string' ? v : fail(name, `expected a string, got ${JSON.stringify(v)}`);
}

function asArray(name: string, v: JsonValue): JsonValue[] {
  return Array.isArray(v) ? v : fail(name, `expected an array, got ${JSON.stringify(v)}`);
}

function asInteger(name: string, v: JsonValue): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : fail(name, `expected an integer, got ${JSON.stringify(v)}`);
}

/** Deep equality on JSON values, used by ArrayContains/ArrayUnique. */
function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(canonical);
  if (isJsonObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': (args, _scope, call) => {
    const name = 'States.Format';
    if (args.length < 1) fail(name, 'expected a template argument');
    const first = call.args[0];
    // Use the escaped source text so that `\{` stays a literal brace.
    const template = first.kind === 'string' ? first.raw : asString(name, args[0]);
    const values = args.slice(1);
    let out = '';
    let next = 0;
    for (let i = 0; i < template.length; i++) {
      const ch = template[i];
      if (ch === '\\' && i + 1 < template.length) out += template[++i];
      else if (ch === '{' && template[i + 1] === '}') {
        if (next >= values.length) fail(name, 'more placeholders than arguments');
        const value = values[next++];
        if (typeof value === 'object' && value !== null) fail(name, 'arguments must be strings, numbers, booleans or null');
        out += typeof value === 'string' ? value : JSON.stringify(value);
        i++;
      } else out += ch;
    }
    if (next !== values.length) fail(name, 'more arguments than placeholders');
    return out;
  },
  'States.StringToJson': (args) => {
    arity('States.StringToJson', args, 1);
    try {
      return JSON.parse(asString('States.StringToJson', args[0])) as JsonValue;
    } catch (error) {
      if (error instanceof StatesError) throw error;
      return fail('States.StringToJson', 'argument is not valid JSON');
    }
  },
  'States.JsonToString': (args) => {
    arity('States.JsonToString', args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args) => {
    arity('States.ArrayPartition', args, 2);
    const items = asArray('States.ArrayPartition', args[0]);
    const size = asInteger('States.ArrayPartition', args[1]);
    if (size <= 0) fail('States.ArrayPartition', 'chunk size must be positive');
    const chunks: JsonValue[] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
  },
  'States.ArrayContains': (args) => {
    arity('States.ArrayContains', args, 2);
    return asArray('States.ArrayContains', args[0]).some((item) => jsonEquals(item, args[1]));
  },
  'States.ArrayRange': (args) => {
    arity('States.ArrayRange', args, 3);
    const [start, end, step] = args.map((a) => asInteger('States.ArrayRange', a));
    if (step === 0) fail('States.ArrayRange', 'step must not be 0');
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v);
      if (out.length > 1000) fail('States.ArrayRange', 'result exceeds 1000 items');
    }
    return out;
  },
  'States.ArrayGetItem': (args) => {
    arity('States.ArrayGetItem', args, 2);
    const items = asArray('States.ArrayGetItem', args[0]);
    const index = asInteger('States.ArrayGetItem', args[1]);
    if (index < 0 || index >= items.length) fail('States.ArrayGetItem', `index ${index} out of bounds`);
    return items[index];
  },
  'States.ArrayLength': (args) => {
    arity('States.ArrayLength', args, 1);
    return asArray('States.ArrayLength', args[0]).length;
  },
  'States.ArrayUnique': (args) => {
    arity('States.ArrayUnique', args, 1);
    const out: JsonValue[] = [];
    for (const item of asArray('States.ArrayUnique', args[0])) if (!out.some((o) => jsonEquals(o, item))) out.push(item);
    return out;
  },
  'States.Base64Encode': (args) => {
    arity('States.Base64Encode', args, 1);
    return Buffer.from(asString('States.Base64Encode', args[0]), 'utf8').toString('base64');
  },
  'States.Base64Decode': (args) => {
    arity('States.Base64Decode', args, 1);
    return Buffer.from(asString('States.Base64Decode', args[0]), 'base64').toString('utf8');
  },
  'States.Hash': (args) => {
    arity('States.Hash', args, 2);
    const algorithm = HASH_ALGORITHMS[asString('States.Hash', args[1])];
    if (!algorithm) fail('States.Hash', `unsupported algorithm ${JSON.stringify(args[1])}`);
    const data = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
    return createHash(algorithm).update(data, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args) => {
    arity('States.JsonMerge', args, 3);
    const [a, b, deep] = args;
    if (!isJsonObject(a) || !isJsonObject(b)) fail('States.JsonMerge', 'both arguments must be objects');
    // AWS only supports shallow mode; reject deep rather than silently doing something else.
    if (deep !== false) fail('States.JsonMerge', 'only shallow merge (false) is supported');
    return { ...(a as object), ...(b as object) } as JsonValue;
  },
  'States.MathRandom': (args, scope) => {
    arity('States.MathRandom', args, 2, 3);
    const start = asInteger('States.MathRandom', args[0]);
    const end = asInteger('States.MathRandom', args[1]);
    const random = scope.env?.random ?? Math.random;
    return start + Math.floor(random() * (end - start));
  },
  'States.MathAdd': (args) => {
    arity('States.MathAdd', args, 2);
    return asInteger('States.MathAdd', args[0]) + asInteger('States.MathAdd', args[1]);
  },
  'States.StringSplit': (args) => {
    arity('States.StringSplit', args, 2);
    const text = asString('States.StringSplit', args[0]);
    const delimiters = new Set(asString('States.StringSplit', args[1]));
    const parts: string[] = [];
    let current = '';
    for (const ch of text) {
      if (delimiters.has(ch)) {
        if (current) parts.push(current);
        current = '';
      } else current += ch;
    }
    if (current) parts.push(current);
    return parts;
  },
  'States.UUID': (args, scope) => {
    arity('States.UUID', args, 0);
    return (scope.env?.randomUUID ?? randomUUID)();
  },
};

export function evaluateIntrinsic(expression: string | IntrinsicCall, scope: EvalScope): JsonValue {
  const call = typeof expression === 'string' ? parseIntrinsic(expression) : expression;
  const fn = FUNCTIONS[call.name];
  if (!fn) fail(call.name, 'unknown intrinsic function');
  return fn(call.args.map((arg) => evaluateArg(arg, scope)), scope, call);
}

function evaluateArg(arg: IntrinsicArg, scope: EvalScope): JsonValue {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return arg.value;
    case 'null':
      return null;
    case 'path':
      return readPath(scope.input, arg.path, scope.context, StatesErrorName.IntrinsicFailure);
    case 'call':
      return evaluateIntrinsic(arg, scope);
  }
}
