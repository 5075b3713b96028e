/**
 * Cold start: a fresh Node process per sample requires one Lambda entrypoint and invokes its
 * handler once; the figure is the time from the process's start (performance.timeOrigin) to the
 * handler's first response. Each handler is measured as deployed (its esbuild bundle, laid out
 * as the CDK asset) and as tsc's dist/ (`npm start`'s modules). Run `npm run bench:cold-start`
 * (it builds first). Options: --samples N (default 5), --only api|sqs|s3|dynamodb-stream|change-relay|workflow-task,
 * --cpu-prof (writes a V8 CPU profile per sample to a temp dir).
 *
 * The processes run the aws profile, as on Lambda, against a scratch Postgres database
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) instead of Aurora;
 * every AWS endpoint points at a closed local port, and no handler here calls one.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FILE_SERVING_PACKAGES } from '../infra/lib/compute/app-build';
import { HANDLERS } from '../infra/lib/compute/app-functions';
import { bundleLambdaHandlers } from '../infra/lib/compute/lambda-bundle';
import { scratchDatabase } from './support/scratch-database';

const REPO_ROOT = resolve(__dirname, '..');
const DIST = join(REPO_ROOT, 'dist');
const CLOSED = 'http://127.0.0.1:9';
const ACCOUNT = '000000000000';

interface Target {
  name: string;
  module: string;
  event: unknown;
  env?: Record<string, string>;
}

const apiEvent = (path: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'api.example.com', 'user-agent': 'cold-start-bench', 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793' },
  requestContext: {
    accountId: ACCOUNT,
    apiId: 'bench',
    domainName: 'api.example.com',
    domainPrefix: 'api',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'cold-start-bench' },
    requestId: randomUUID(),
    routeKey: '$default',
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
  },
  isBase64Encoded: false,
});

const sqsEvent = () => ({
  Records: [
    {
      messageId: randomUUID(),
      receiptHandle: 'bench',
      // An execution that does not exist: the step consumer looks it up and acks, a database round trip.
      body: JSON.stringify({ executionId: randomUUID() }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: ACCOUNT, ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:${ACCOUNT}:mercantil-workflow-steps`,
      awsRegion: 'us-east-1',
    },
  ],
});

const s3Event = () => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: new Date().toISOString(),
      eventName: 'ObjectCreated:Put',
      // Not under tenant=<id>/: logged and skipped, so no S3 call is made.
      s3: { s3SchemaVersion: '1.0', configurationId: 'bench', bucket: { name: 'mercantil-invoices-raw', arn: 'arn:aws:s3:::mercantil-invoices-raw' }, object: { key: 'no-tenant/invoice.pdf', size: 1 } },
    },
  ],
});

const streamEvent = () => ({ Records: [] });

const TARGETS: Target[] = [
  { name: 'api', module: 'lambda.js', event: apiEvent('/health') },
  { name: 'sqs', module: 'workers/sqs.handler.js', event: sqsEvent() },
  { name: 's3', module: 'workers/s3.handler.js', event: s3Event() },
  { name: 'dynamodb-stream', module: 'workers/dynamodb-stream.handler.js', event: streamEvent() },
  // An order that does not exist: the task reads the orders table and fails with Order.NotFound.
  // An empty outbox: one database read.
  { name: 'change-relay', module: 'workers/change-relay.handler.js', event: {} },
  { name: 'workflow-task', module: 'workers/workflow-task.handler.js', event: { tenantId: 't1', orderId: randomUUID() }, env: { WORKFLOW_TASK: 'CompleteOrder', ORDER_STORE: 'postgres' } },
];

/** What runs in each fresh process: plain JavaScript, so nothing but the entrypoint is measured. */
const CHILD = `
const { performance } = require('node:perf_hooks');
const mod = require(process.env.BENCH_MODULE);
const requiredMs = performance.now();
const context = { awsRequestId: require('node:crypto').randomUUID(), functionName: 'bench', getRemainingTimeInMillis: () => 30000 };
const report = (outcome) => {
  const cpu = process.cpuUsage();
  process.stdout.write('\\nCOLDSTART ' + JSON.stringify({ requiredMs, firstResponseMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000, ...outcome }) + '\\n');
  process.exit(0);
};
Promise.resolve(mod.handler(JSON.parse(process.env.BENCH_EVENT), context, () => undefined)).then(
  (result) => report({ response: JSON.stringify(result ?? null).slice(0, 80) }),
  (error) => report({ response: 'error ' + (error && error.name) + ': ' + String(error && error.message).slice(0, 60) }),
);`;

interface Sample {
  requiredMs: number;
  firstResponseMs: number;
  /** CPU time (user + system) the process used until then: steadier than wall time on a busy machine. */
  cpuMs: number;
  response: string;
}

/** The CDK asset's layout: the bundles in dist/, beside node_modules with FILE_SERVING_PACKAGES only. */
async function deployedLayout(): Promise<string> {
  const asset = mkdtempSync(join(tmpdir(), 'cold-start-asset-'));
  await bundleLambdaHandlers(REPO_ROOT, Object.values(HANDLERS), join(asset, 'dist'));
  for (const name of FILE_SERVING_PACKAGES) {
    mkdirSync(join(asset, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(asset, 'node_modules', name));
  }
  return join(asset, 'dist');
}

function sample(target: Target, dir: string, env: Record<string, string>, cpuProfDir?: string): Promise<Sample> {
  const args = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), '-e', CHILD];
  const child = spawn(process.execPath, args, {
    env: {
      ...env,
      ...target.env,
      // As Lambda sets them (TypeORM's app-root-path reads them, in a bundle where no node_modules path tells the root).
      LAMBDA_TASK_ROOT: resolve(dir, '..'),
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      BENCH_MODULE: join(dir, target.module),
      BENCH_EVENT: JSON.stringify(target.event),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((done, fail) => {
    child.on('close', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('COLDSTART '));
      if (line) done(JSON.parse(line.slice('COLDSTART '.length)) as Sample);
      else fail(new Error(`${target.name}: no response (exit ${code}):\n${output.slice(-2000)}`));
    });
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const ms = (v: number) => `${Math.round(v)} ms`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const samples = Number(option('samples') ?? 5);
  const only = option('only');
  const cpuProfDir = argv.includes('--cpu-prof') ? mkdtempSync(join(tmpdir(), 'cold-start-prof-')) : undefined;
  process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const database = await scratchDatabase();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    MERCANTIL_PROFILE: 'aws',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AUTH_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
    AUTH_AUDIENCE: 'bench-client',
    SQS_QUEUE_URL_PREFIX: `${CLOSED}/${ACCOUNT}/mercantil-`,
    SQS_ENDPOINT: CLOSED,
    ORDER_NOTIFICATIONS_TOPIC_ARN: `arn:aws:sns:us-east-1:${ACCOUNT}:mercantil-order-notifications`,
    STATE_MACHINE_ARN_PREFIX: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:mercantil-`,
    SFN_ENDPOINT: CLOSED,
    S3_ENDPOINT: CLOSED,
    // No DYNAMODB_ENDPOINT, as on Lambda: with a local endpoint the DynamoDB adapters create their tables at boot.
    OPENSEARCH_URL: CLOSED,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cold-start-')),
    ...database.env,
  };
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${samples} samples per handler, aws profile over Postgres`);
  try {
    // The first boot against the scratch database runs the migrations: not a cold start, so not counted.
    await sample(TARGETS[0], DIST, env);
    const builds = [
      { name: 'bundle', dir: await deployedLayout() },
      { name: 'dist', dir: DIST },
    ];
    const rows: string[] = [];
    for (const target of TARGETS.filter((t) => !only || t.name === only)) {
      for (const build of builds) {
        if (!existsSync(join(build.dir, target.module))) {
          rows.push(`| ${target.name} | ${build.name} | — | — | — | — | not built yet: skipped |`);
          continue;
        }
        const runs: Sample[] = [];
        for (let i = 0; i < samples; i++) runs.push(await sample(target, build.dir, env, cpuProfDir));
        const first = runs.map((r) => r.firstResponseMs);
        const required = runs.map((r) => r.requiredMs);
        const cpu = runs.map((r) => r.cpuMs);
        rows.push(
          `| ${target.name} | ${build.name} | ${ms(percentile(required, 50))} | ${ms(percentile(first, 50))} | ${ms(Math.max(...first))} | ${ms(percentile(cpu, 50))} | ${runs[0].response} |`,
        );
      }
    }
    console.log('\n| handler | build | require p50 | first response p50 | first response max | CPU until response p50 | response |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    if (cpuProfDir) console.log(`\nCPU profiles: ${cpuProfDir}`);
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
