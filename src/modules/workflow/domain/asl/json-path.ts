/**
 * The Reference Path subset of JsonPath that ASL relies on: `$`, `.name`,
 * `['quoted name']` and `[index]`, rooted at `$` (state input) or `$$`
 * (context object). Wildcards, filters, slices and deep scan are rejected:
 * the spec forbids them in ResultPath and Choice Variables, and accepting them
 * elsewhere would let one path select several nodes, which this core does not model.
 */
import { ContextObject, JsonObject, JsonValue } from './asl-types';
import { StatesError, StatesErrorName } from './errors';

export type PathSegment = string | number;

export interface ParsedPath {
  /** `$$` paths read the context object rather than the state input. */
  root: 'input' | 'context';
  segments: PathSegment[];
}

const parseCache = new Map<string, ParsedPath>();

export function isContextPath(path: string): boolean {
  return path.startsWith('$$');
}

export function parsePath(path: string): ParsedPath {
  const cached = parseCache.get(path);
  if (cached) return cached;
  if (typeof path !== 'string' || !path.startsWith('$')) {
    throw new StatesError(StatesErrorName.Runtime, `Invalid path '${String(path)}': must start with '$'`);
  }
  const root = isContextPath(path) ? 'context' : 'input';
  const segments: PathSegment[] = [];
  let i = root === 'context' ? 2 : 1;
  const fail = (why: string): never => {
    throw new StatesError(StatesErrorName.Runtime, `Invalid path '${path}': ${why} at position ${i}`);
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      i++;
      let name = '';
      while (i < path.length && path[i] !== '.' && path[i] !== '[') name += path[i++];
      if (!name) fail('empty field name (deep scan is not supported)');
      if (name === '*') fail('wildcards are not supported');
      segments.push(name);
    } else if (ch === '[') {
      i++;
      const quote = path[i];
      if (quote === "'" || quote === '"') {
        i++;
        let name = '';
        while (i < path.length && path[i] !== quote) {
          // Backslash lets a quoted name contain its own quote character.
          if (path[i] === '\\' && i + 1 < path.length) i++;
          name += path[i++];
        }
        if (path[i] !== quote) fail('unterminated quoted name');
        i++;
        segments.push(name);
      } else {
        const match = /^\d+/.exec(path.slice(i));
        if (!match) fail('only non-negative integer indexes or quoted names are supported');
        segments.push(Number(match![0]));
        i += match![0].length;
      }
      if (path[i] !== ']') fail("expected ']'");
      i++;
    } else {
      fail(`unexpected '${ch}'`);
    }
  }
  const parsed: ParsedPath = { root, segments };
  // Paths come from definitions, so the set is small; the cap only guards against pathological callers.
  if (parseCache.size >= 1000) parseCache.clear();
  parseCache.set(path, parsed);
  return parsed;
}

export type PathLookup = { found: true; value: JsonValue } | { found: false };

/** Non-throwing lookup; IsPresent needs to distinguish "absent" from "null". */
export function lookupPath(input: JsonValue, path: string, context?: ContextObject): PathLookup {
  const { root, segments } = parsePath(path);
  let current: JsonValue | undefined = root === 'context' ? context : input;
  if (current === undefined) return { found: false };
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return { found: false };
      current = current[segment];
    }
  }
  return { found: true, value: current as JsonValue };
}

/**
 * Reads a path, throwing when it selects nothing. The spec makes a path that
 * matches nothing a runtime error (States.Runtime) rather than yielding null;
 * callers that need a different error name (e.g. ParameterPathFailure) pass it.
 */
export function readPath(
  input: JsonValue,
  path: string,
  context?: ContextObject,
  errorName: string = StatesErrorName.Runtime,
): JsonValue {
  if (isContextPath(path) && context === undefined) {
    throw new StatesError(errorName, `Path '${path}' refers to the context object, but none was provided`);
  }
  const result = lookupPath(input, path, context);
  if (!result.found) throw new StatesError(errorName, `Path '${path}' did not match anything in the input`);
  return result.value;
}

/**
 * Applies ResultPath: `$` (or absent) replaces the input with the result, `null`
 * discards the result and keeps the input, and a deeper reference path places
 * the result inside a copy of the input, creating intermediate objects.
 * The input is never mutated because it may still be referenced by the caller
 * (e.g. for a Catch after a failed Retry).
 */
export function writeResultPath(input: JsonValue, resultPath: string | null | undefined, result: JsonValue): JsonValue {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const { root, segments } = parsePath(resultPath);
  if (root === 'context') {
    throw new StatesError(StatesErrorName.ResultPathMatchFailure, `ResultPath '${resultPath}' may not target the context object`);
  }
  if (!isJsonObject(input) && !Array.isArray(input)) {
    throw new StatesError(
      StatesErrorName.ResultPathMatchFailure,
      `ResultPath '${resultPath}' cannot be applied to a non-object input`,
    );
  }
  const output = structuredClone(input);
  let node: JsonValue = output;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const where = `ResultPath '${resultPath}'`;
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) {
        throw new StatesError(StatesErrorName.ResultPathMatchFailure, `${where}: index ${segment} is not in an array`);
      }
      if (last) node[segment] = result;
      else node = node[segment];
      return;
    }
    if (!isJsonObject(node)) {
      throw new StatesError(StatesErrorName.ResultPathMatchFailure, `${where}: '${segment}' cannot be set on a non-object`);
    }
    if (last) {
      node[segment] = result;
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(node, segment)) node[segment] = {};
    node = node[segment];
  });
  return output;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
