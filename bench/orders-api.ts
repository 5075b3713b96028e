/**
 * Orders API benchmark: req/s and p50/p99 latency for POST /v1/orders and
 * GET /v1/orders/{id}, on the embedded store (PGlite) and on a real Postgres.
 *
 *   npm run build && npx ts-node --transpile-only bench/orders-api.ts [--profile embedded|postgres|all]
 *                                                                   [--scenario post|get|all]
 *                                                                   [--app dist|src] [--cpu-prof] [--json FILE]
 *
 * The app runs in a CHILD process (`node dist/main.js`, or `src/main.ts` through ts-node with
 * `--app src`); autocannon drives it from this process over 127.0.0.1 only. See bench/README.md.
 *
 * Env: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS (default 32),
 *      BENCH_GET_IDS (orders pre-created for the GET scenario, default 200),
 *      BENCH_LOG_LEVEL (the app's LOG_LEVEL, default silent; with info, access logs go to /dev/null),
 *      BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test; a fresh database is
 *      created next to it for each run and dropped WITH (FORCE) afterwards).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { orderBody } from '../test/support/order-fixtures';

type ProfileName = 'embedded' | 'postgres';
type ScenarioName = 'post' | 'get';

interface Options {
  profiles: ProfileName[];
  scenarios: ScenarioName[];
  app: 'dist' | 'src';
  /** Directory for the app's V8 CPU profiles (`--cpu-prof`), or undefined. */
  cpuProfDir?: string;
  json?: string;
  duration: number;
  warmup: number;
  connections: number;
  getIds: number;
  pgAdminUrl: string;
  logLevel: string;
}

interface Row {
  profile: ProfileName;
  scenario: string;
  reqPerSec: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  appCpuPct?: number;
  benchCpuPct: number;
  machineBusyPct?: number;
  postgresCpuPct?: number;
  otherCpuPct?: number;
}

const ROOT = resolve(__dirname, '..');
const HOST = '127.0.0.1';
const RATE_LIMIT = '1000000';
const TENANT = 'bench';

function parseOptions(argv: string[]): Options {
  const flag = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i];
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[]): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join('|')}, got "${value}"`);
    return value as T;
  };
  const num = (name: string, fallback: number): number => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
    return n;
  };
  const profile = oneOf('profile', flag('profile') ?? 'all', ['embedded', 'postgres', 'all'] as const);
  const scenario = oneOf('scenario', flag('scenario') ?? 'all', ['post', 'get', 'all'] as const);
  const app = oneOf('app', flag('app') ?? (existsSync(join(ROOT, 'dist/main.js')) ? 'dist' : 'src'), ['dist', 'src'] as const);
  return {
    profiles: profile === 'all' ? ['embedded', 'postgres'] : [profile],
    scenarios: scenario === 'all' ? ['post', 'get'] : [scenario],
    app,
    cpuProfDir: argv.includes('--cpu-prof') ? join(tmpdir(), `mercantil-bench-profiles-${Date.now()}`) : undefined,
    json: flag('json'),
    duration: num('BENCH_DURATION', 10),
    warmup: num('BENCH_WARMUP', 2),
    connections: Math.floor(num('BENCH_CONNECTIONS', 32)),
    getIds: Math.floor(num('BENCH_GET_IDS', 200)),
    pgAdminUrl: process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/test',
    logLevel: process.env.BENCH_LOG_LEVEL || 'silent',
  };
}

// ---------------------------------------------------------------- Postgres scratch database

/** The server version, or the reason Postgres cannot be used. */
async function probePostgres(adminUrl: string): Promise<{ version: string } | { reason: string }> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return { version: rows[0].v };
  } catch (error) {
    return { reason: error instanceof Error ? error.message || error.name : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdmin<T>(adminUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mercantil_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

// ---------------------------------------------------------------- the app under test

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => ok(port));
    });
  });
}

/** Every variable the app reads is set explicitly, so the caller's shell cannot skew a run. */
const APP_KEYS = [
  'MERCANTIL_PROFILE', 'NODE_ENV', 'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'ORDER_STORE', 'AWS_REGION',
  'DYNAMODB_ENDPOINT', 'ORDERS_TABLE', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL', 'AUTH_TOKEN_USE',
  'RATE_LIMIT_PER_SECOND', 'RATE_LIMIT_BURST', 'LOG_LEVEL', 'SEED_DEMO',
];

interface RunningApp {
  base: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

async function startApp(opts: Options, dataDir: string, port: number, databaseUrl?: string): Promise<RunningApp> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of APP_KEYS) delete env[key];
  delete env.NODE_OPTIONS;
  Object.assign(env, {
    MERCANTIL_PROFILE: 'embedded',
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: opts.logLevel,
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_SECOND: RATE_LIMIT,
    RATE_LIMIT_BURST: RATE_LIMIT,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });

  const nodeArgs: string[] = [];
  if (opts.cpuProfDir) {
    // V8 writes the profile only on a normal exit; whatever the app's own SIGTERM handling does
    // (some builds re-raise the signal), this preload is registered first and exits with code 0.
    const preload = join(dataDir, 'exit-on-sigterm.js');
    await writeFile(preload, "process.once('SIGTERM', () => process.exit(0));\n");
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`, '-r', preload);
  }
  const entry =
    opts.app === 'dist' ? [join(ROOT, 'dist/main.js')] : ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/main.ts')];
  // Access logs (info and below) would drown the report: they still get serialised and written, to /dev/null.
  const quiet = ['silent', 'fatal', 'error', 'warn'].includes(opts.logLevel);
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', quiet ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));

  const base = `http://${HOST}:${port}`;
  const deadline = Date.now() + 90_000;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`app exited with code ${child.exitCode} before becoming healthy`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('app did not become healthy within 90 s');
    }
    try {
      ready = (await fetch(`${base}/health`)).status === 200;
    } catch {
      /* not listening yet */
    }
    if (!ready) await sleep(200);
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { base, child, stop };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** CPU seconds (user + system) a Linux process has used; undefined elsewhere. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** CPU seconds per pid of every local `postgres` process (Linux; empty elsewhere). */
function postgresCpuSeconds(): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const seconds = processCpuSeconds(Number(pid));
      if (seconds !== undefined) out.set(Number(pid), seconds);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** Busy and total jiffies of the whole machine (Linux), to see whether the CPUs were saturated. */
function machineCpuTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- load

async function createOrders(base: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const body = JSON.stringify(orderBody());
  const worker = async () => {
    while (ids.length < count) {
      const res = await fetch(`${base}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const json = (await res.json()) as { orderId?: string };
      if (res.status !== 201 || !json.orderId) throw new Error(`seeding POST returned ${res.status}: ${JSON.stringify(json)}`);
      ids.push(json.orderId);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids.slice(0, count);
}

function requestsFor(scenario: ScenarioName, token: string, ids: string[]): autocannon.Request[] {
  const auth = { authorization: `Bearer ${token}` };
  if (scenario === 'post') {
    // No Idempotency-Key: every request creates a new order.
    return [{ method: 'POST', path: '/v1/orders', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(orderBody()) }];
  }
  let next = 0;
  return [
    {
      method: 'GET',
      path: `/v1/orders/${ids[0]}`,
      headers: auth,
      // Rotate through the pre-created orders so reads are not one hot row.
      setupRequest: (req) => ({ ...req, path: `/v1/orders/${ids[next++ % ids.length]}` }),
    },
  ];
}

async function cannon(base: string, connections: number, duration: number, requests: autocannon.Request[]): Promise<autocannon.Result> {
  return autocannon({ url: base, connections, duration, requests, timeout: 10 });
}

async function runScenario(
  profile: ProfileName,
  scenario: ScenarioName,
  app: RunningApp,
  token: string,
  opts: Options,
): Promise<Row> {
  let ids: string[] = [];
  if (scenario === 'get') {
    ids = await createOrders(app.base, token, opts.getIds);
    const probe = await fetch(`${app.base}/v1/orders/${ids[0]}`, { headers: { authorization: `Bearer ${token}` } });
    if (probe.status !== 200) throw new Error(`probe GET returned ${probe.status}`);
  }
  const requests = requestsFor(scenario, token, ids);
  process.stdout.write(`  ${profile} ${scenario.toUpperCase()}: warm-up ${opts.warmup}s ... `);
  const warm = await cannon(app.base, opts.connections, opts.warmup, requests);
  process.stdout.write(`${Math.round(warm.requests.average)} req/s; measuring ${opts.duration}s ... `);

  const appCpu0 = processCpuSeconds(app.child.pid);
  const machine0 = machineCpuTicks();
  const pg0 = postgresCpuSeconds();
  const benchCpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = await cannon(app.base, opts.connections, opts.duration, requests);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const appCpu1 = processCpuSeconds(app.child.pid);
  const machine1 = machineCpuTicks();
  const pg1 = postgresCpuSeconds();
  let pgSeconds = 0;
  for (const [pid, seconds] of pg1) pgSeconds += seconds - (pg0.get(pid) ?? 0);
  const benchCpu = process.cpuUsage(benchCpu0);

  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  const row: Row = {
    profile,
    scenario: scenario === 'post' ? 'POST /v1/orders' : `GET /v1/orders/{id} (${ids.length} ids rotated)`,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    appCpuPct: appCpu0 !== undefined && appCpu1 !== undefined ? ((appCpu1 - appCpu0) / wall) * 100 : undefined,
    benchCpuPct: ((benchCpu.user + benchCpu.system) / 1e6 / wall) * 100,
    machineBusyPct:
      machine0 && machine1 && machine1.total > machine0.total
        ? ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * 100
        : undefined,
    postgresCpuPct: pg1.size > 0 ? (pgSeconds / wall) * 100 : undefined,
  };
  if (row.machineBusyPct !== undefined && row.appCpuPct !== undefined) {
    // Everything else on the machine, in "% of one core" like the other CPU figures.
    row.otherCpuPct = Math.max(0, (row.machineBusyPct * cpus().length) - row.appCpuPct - row.benchCpuPct - (row.postgresCpuPct ?? 0));
  }
  console.log(`${Math.round(row.reqPerSec)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}, errors ${row.errors}`);
  return row;
}

async function runProfile(profile: ProfileName, opts: Options): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), `mercantil-bench-${profile}-`));
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let app: RunningApp | undefined;
  try {
    if (profile === 'postgres') scratch = await createScratchDatabase(opts.pgAdminUrl);
    app = await startApp(opts, dataDir, await freePort(), scratch?.url);
    // The child created the signing key under DATA_DIR on boot; sign with the same key here.
    const issuer = await DevIssuer.open(dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const token = await issuer.mint({ tenantId: TENANT, sub: 'bench-user', groups: ['admin'], expiresInSeconds: 6 * 3600 });
    const rows: Row[] = [];
    for (const scenario of opts.scenarios) rows.push(await runScenario(profile, scenario, app, token, opts));
    return rows;
  } finally {
    await app?.stop().catch((e) => console.error('stopping app failed:', e));
    await scratch?.drop().catch((e) => console.error('dropping scratch database failed:', e));
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const opt = (n: number | undefined) => (n === undefined ? 'n/a' : fmt(n));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function printReport(rows: Row[], skipped: string[], opts: Options): void {
  console.log('\n## Results\n');
  console.log('| profile | scenario | req/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.profile} | ${r.scenario} | ${fmt(r.reqPerSec)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
  }
  for (const s of skipped) console.log(`\n_skipped: ${s}_`);

  console.log('\n### Diagnostics\n');
  console.log('| profile | scenario | requests | p97.5 ms | max ms | conn errors | timeouts | status codes | app CPU % | bench CPU % | postgres CPU % | other CPU % | machine busy % |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const codes = Object.entries(r.statusCodes).map(([c, n]) => `${c}×${n}`).join(' ');
    const appCpu = r.appCpuPct === undefined ? 'n/a' : fmt(r.appCpuPct);
    console.log(
      `| ${r.profile} | ${r.scenario} | ${fmt(r.total)} | ${r.p97_5} | ${r.max} | ${r.errors} | ${r.timeouts} | ${codes} | ${appCpu} | ${fmt(r.benchCpuPct)} | ${opt(r.postgresCpuPct)} | ${opt(r.otherCpuPct)} | ${r.machineBusyPct === undefined ? 'n/a' : fmt(r.machineBusyPct)} |`,
    );
  }
  console.log(
    '\n(CPU % columns are of one core: 100 = one core fully busy; "postgres" sums every local postgres process, ' +
      '"other" is everything else on the machine (a large value means the run was disturbed). ' +
      'machine busy % is all cores together, 100 = every core busy.)',
  );
  const disturbed = rows.filter((r) => (r.otherCpuPct ?? 0) > 25);
  if (disturbed.length) {
    console.log(`\n**WARNING: other processes used > 25% of a core during ${disturbed.length} scenario(s); re-run on a quiet machine.**`);
  }

  const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (bad.length) {
    console.log(`\n**WARNING: ${bad.length} scenario(s) had non-2xx responses or connection errors; those rows are not valid results.**`);
  }

  const pg = rows.filter((r) => r.profile === 'postgres');
  if (pg.length) {
    console.log('\n### Goals (issue: real Postgres, 2-core machine)\n');
    for (const r of pg) {
      const target = r.scenario.startsWith('GET') ? 3000 : 1000;
      const ok = r.reqPerSec >= target && r.p99 < 50 && r.non2xx === 0 && r.errors === 0;
      console.log(`- ${r.scenario}: ${fmt(r.reqPerSec)} req/s (goal ≥ ${fmt(target)}), p99 ${r.p99} ms (goal < 50) → ${ok ? 'MET' : 'NOT MET'}`);
    }
  }
  if (opts.cpuProfDir) {
    console.log(`\nCPU profiles of the app process (one per profile run; open in Chrome DevTools) in ${opts.cpuProfDir}`);
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const cpuList = cpus();
  let autocannonVersion = 'unknown';
  try {
    autocannonVersion = (JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    /* not fatal */
  }
  if (opts.app === 'dist') {
    console.log('App: node dist/main.js (run `npm run build` first so dist matches src)');
  } else {
    console.log('App: src/main.ts via ts-node (transpile-only)');
  }
  console.log(`# Mercantil orders API benchmark`);
  console.log(`node ${process.version}, ${cpuList.length} CPU(s) (${cpuList[0]?.model.trim() ?? 'unknown'}), ${process.platform}/${process.arch}, autocannon ${autocannonVersion}`);
  console.log(
    `duration ${opts.duration}s after ${opts.warmup}s warm-up, ${opts.connections} connections, ` +
      `app in a child process on ${HOST}, load generator in this process (same machine: it shares the CPUs with the app` +
      `${opts.profiles.includes('postgres') ? ' and Postgres' : ''})`,
  );
  console.log(
    `app env: NODE_ENV=production LOG_LEVEL=${opts.logLevel} SEED_DEMO=false RATE_LIMIT_PER_SECOND=RATE_LIMIT_BURST=${RATE_LIMIT} ` +
      `(rate limit raised because the whole bench is one principal)`,
  );

  const idle0 = machineCpuTicks();
  await sleep(1000);
  const idle1 = machineCpuTicks();
  if (idle0 && idle1 && idle1.total > idle0.total) {
    const busy = ((idle1.busy - idle0.busy) / (idle1.total - idle0.total)) * 100;
    console.log(`machine busy before the run: ${fmt(busy)}% of all CPUs`);
    if (busy > 15) console.log('**WARNING: something else is using the CPUs; numbers from this run will be low and noisy.**');
  }

  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const profile of opts.profiles) {
    if (profile === 'postgres') {
      const probe = await probePostgres(opts.pgAdminUrl);
      if ('reason' in probe) {
        const reason = `postgres profile: no usable Postgres at ${redact(opts.pgAdminUrl)} (${probe.reason})`;
        console.log(`\nSkipping ${reason}`);
        skipped.push(reason);
        continue;
      }
      console.log(`\n[postgres] server ${probe.version} at ${redact(opts.pgAdminUrl)} (scratch database per run, dropped afterwards)`);
    } else {
      console.log('\n[embedded] PGlite under a fresh temp DATA_DIR');
    }
    rows.push(...(await runProfile(profile, opts)));
  }
  printReport(rows, skipped, opts);
  if (opts.json) {
    const meta = { node: process.version, cpus: cpuList.length, cpuModel: cpuList[0]?.model, autocannon: autocannonVersion, ...opts };
    await writeFile(opts.json, JSON.stringify({ meta, rows, skipped, at: new Date().toISOString() }, null, 2));
    console.log(`\nJSON written to ${opts.json}`);
  }
  if (rows.some((r) => r.non2xx > 0 || r.errors > 0)) process.exitCode = 2;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
