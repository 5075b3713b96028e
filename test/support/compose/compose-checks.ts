/**
 * Checks of a docker-compose document that the compose-spec schema cannot express: dependencies
 * and named volumes exist, host ports are unique, build contexts, Dockerfiles and bind-mounted
 * files exist, and the app's services get an environment the app reads and accepts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { appEnvironmentProblems } from './app-environment-checks';
import { composeSchemaValidator, Dict, interpolate, Json, PORT_SPEC } from './compose-schema';
import { dockerfileProblems } from './dockerfile-checks';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');

export function dependsOn(svc: Dict): Record<string, { condition?: string }> {
  const d = svc.depends_on;
  if (!d) return {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((name: string) => [name, { condition: 'service_started' }]));
  return d;
}

export function buildOf(svc: Dict): { context: string; dockerfile: string } | undefined {
  if (!svc.build) return undefined;
  const b = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
  const context = resolve(ROOT, b.context ?? '.');
  return { context, dockerfile: resolve(context, b.dockerfile ?? 'Dockerfile') };
}

export function envOf(svc: Dict, name: string, problems: string[]): Record<string, string> {
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
export function publishedPorts(svc: Dict): { host?: string; container: number }[] {
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

export function volumeRefs(svc: Dict): { named?: string; bind?: string }[] {
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

export function semanticProblems(doc: Dict): string[] {
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
        if (t.healthcheck?.disable || (!composeHealth && !imageHealth)) {
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
      const context = { name, services: new Set(names), dependencies: new Set(Object.keys(dependsOn(svc))) };
      problems.push(...appEnvironmentProblems(context, envOf(svc, name, problems)));
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

export interface Report {
  schemaErrors: ErrorObject[];
  problems: string[];
}

/** The whole validator: interpolation, then schema, then semantic checks. */
export function validateCompose(raw: unknown, env: Record<string, string | undefined> = {}): Report {
  const doc = interpolate(raw as Json, env) as Dict;
  const validate = composeSchemaValidator();
  const ok = validate(doc);
  const schemaErrors = ok ? [] : [...(validate.errors ?? [])];
  return { schemaErrors, problems: semanticProblems(doc) };
}

export const describeErrors = (r: Report) => [
  ...r.schemaErrors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`),
  ...r.problems,
];
