/**
 * Validates docker-compose.yml (and the Dockerfile and LocalStack init script it uses) offline,
 * without a Docker engine (only the Docker client exists on the dev machine):
 *
 *  1. the compose-spec JSON schema, after compose's own interpolation (support/compose/compose-schema.ts);
 *  2. what the schema cannot express (support/compose/compose-checks.ts): dependencies, volumes, ports,
 *     build contexts, the image's rules, and an app environment the app reads and accepts, with every
 *     AWS service on a local endpoint (support/compose/app-environment-checks.ts);
 *  3. the LocalStack init script creates every bucket, queue + DLQ, table and topic the app is
 *     configured with, as the app defines them (support/compose/localstack-init-checks.ts).
 *
 * The negative cases feed broken documents and scripts to the same checks, so the checks can fail.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { QUEUE_DEFINITIONS } from '../src/common/queue/queue-definition';
import { DEV_ISSUER, loadConfig } from '../src/config/app-config';
import { allowedAppEnv, appEnvNames, undocumentedEnv } from './support/compose/app-environment-checks';
import { COMPOSE_FILE, describeErrors, envOf, publishedPorts, ROOT, validateCompose, volumeRefs } from './support/compose/compose-checks';
import { Dict, interpolate } from './support/compose/compose-schema';
import { dockerfileProblems, parseDockerfile } from './support/compose/dockerfile-checks';
import { localStackInitProblems, parseInitScript } from './support/compose/localstack-init-checks';

const INIT_SCRIPT = 'docker/localstack/ready.d/create-resources.sh';
const source = readFileSync(COMPOSE_FILE, 'utf8');
/** Compose reads YAML 1.1 merge keys (`<<: *anchor`), which this file uses to share the app's environment. */
const loadDoc = (): Dict => parseYaml(source, { prettyErrors: true, uniqueKeys: true, merge: true });
const appEnv = (doc: Dict, service = 'app') => envOf((interpolate(doc, {}) as Dict).services[service], service, []);

describe('docker-compose.yml', () => {
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

  it('runs the app and the worker from one image on the aws profile, after every backing service is healthy', () => {
    const doc = interpolate(loadDoc(), {}) as Dict;
    const { app, worker } = doc.services;
    expect(worker.build).toEqual(app.build);
    expect(worker.image).toBe(app.image);
    expect(worker.command).toEqual(['node', 'dist/workers/worker.js']);
    expect(worker.healthcheck).toEqual({ disable: true });
    const backing = ['postgres', 'opensearch', 'localstack', 'mailpit'];
    for (const name of backing) {
      expect(app.depends_on[name]).toEqual({ condition: 'service_healthy' });
      expect(worker.depends_on[name]).toEqual({ condition: 'service_healthy' });
    }
    expect(worker.depends_on.app).toEqual({ condition: 'service_healthy' });

    const env = appEnv(doc);
    const config = loadConfig(env);
    expect(config.profile).toBe('aws');
    expect(config.worker.mode).toBe('separate');
    expect(config.ports).toMatchObject({ queue: 'sqs', orderStore: 'dynamodb', skuLookup: 'dynamodb', salesMetrics: 'dynamodb', searchEngine: 'opensearch', notifier: 'outbox' });
    // Not emulated by LocalStack's free edition (see the comment at the top of the compose file); DuckDB
    // reads only a local lake, so objects are files in the shared data volume.
    expect(config.ports).toMatchObject({ workflowEngine: 'embedded', documentAnalyzer: 'embedded', analyticsEngine: 'duckdb', objectStore: 'local' });
    expect(config.aws).toMatchObject({ sqsEndpoint: 'http://localstack:4566', dynamodbEndpoint: 'http://localstack:4566', opensearchUrl: 'http://opensearch:9200' });
    expect(config.aws.s3Endpoint).toBeUndefined();
    expect(config.metrics.output).toBe('prometheus');
    expect(config.mail.smtpUrl).toBe('smtp://mailpit:1025');
    const workerConfig = loadConfig(appEnv(doc, 'worker'));
    expect({ ...workerConfig, worker: undefined, http: undefined }).toEqual({ ...config, worker: undefined, http: undefined });
  });

  it('keeps the built-in dev issuer (LocalStack has no Cognito), its key and the lake files shared by app and worker', () => {
    const doc = loadDoc();
    const config = loadConfig(appEnv(doc));
    expect(config.auth).toMatchObject({ issuer: DEV_ISSUER, devIssuer: true });
    expect(config.dataDir).toBe('/data');
    for (const name of ['app', 'worker']) expect(volumeRefs(doc.services[name])).toContainEqual({ named: 'app-data' });
  });

  it('runs Postgres 16 with a healthcheck, and initialises it with pg_trgm', () => {
    const doc = interpolate(loadDoc(), {}) as Dict;
    const { postgres } = doc.services;
    expect(postgres.image).toMatch(/^postgres:16(-alpine)?$/);
    expect(JSON.stringify(postgres.healthcheck.test)).toContain('pg_isready');
    const url = new URL(appEnv(doc).DATABASE_URL);
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(postgres.environment.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(postgres.environment.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
    const init = volumeRefs(postgres).find((v) => v.bind?.endsWith('init.sql'));
    expect(readFileSync(resolve(ROOT, init!.bind!), 'utf8')).toMatch(/CREATE EXTENSION IF NOT EXISTS pg_trgm/i);
  });

  it('runs a single-node OpenSearch without the security plugin, with a bounded heap', () => {
    const { opensearch } = (interpolate(loadDoc(), {}) as Dict).services;
    expect(opensearch.environment).toMatchObject({ 'discovery.type': 'single-node', DISABLE_SECURITY_PLUGIN: 'true' });
    const heap = /-Xms(\d+)m -Xmx(\d+)m/.exec(opensearch.environment.OPENSEARCH_JAVA_OPTS);
    expect(heap?.[1]).toBe(heap?.[2]);
    expect(JSON.stringify(opensearch.healthcheck.test)).toContain('_cluster/health');
    expect(volumeRefs(opensearch)).toContainEqual({ named: 'opensearch-data' });
  });

  it('publishes each service on its own host port', () => {
    const { services } = interpolate(loadDoc(), {}) as Dict;
    const hostPorts = (name: string) => publishedPorts(services[name]).map((p) => p.host);
    expect(hostPorts('app')).toEqual(['3000/tcp']);
    expect(hostPorts('postgres')).toEqual(['5433/tcp']);
    expect(hostPorts('opensearch')).toEqual(['9200/tcp']);
    expect(hostPorts('localstack')).toEqual(['4566/tcp']);
    expect(hostPorts('mailpit')).toEqual(['8025/tcp', '1025/tcp']);
    expect(hostPorts('worker')).toEqual([]);
  });

  it('knows every variable the app reads (from the class-validator metadata of EnvironmentVariables)', () => {
    const allowed = allowedAppEnv();
    for (const key of ['MERCANTIL_PROFILE', 'DATABASE_URL', 'PORT', 'DATA_DIR', 'SEED_DEMO', 'AUTH_JWKS_URL', 'NODE_ENV', 'AWS_ACCESS_KEY_ID']) {
      expect(allowed).toContain(key);
    }
    expect(allowed).not.toContain('DATABSE_URL');
  });

  it('documents every variable the app reads in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(appEnvNames().length).toBeGreaterThan(40);
    expect(undocumentedEnv(readme)).toEqual([]);
    expect(undocumentedEnv(readme.replace(/`OPENSEARCH_INDEX_PREFIX`/g, 'the prefix'))).toEqual(['OPENSEARCH_INDEX_PREFIX']);
  });
});

describe('the LocalStack init script', () => {
  const script = parseInitScript(readFileSync(join(ROOT, INIT_SCRIPT), 'utf8'));

  it('creates every bucket, queue with its DLQ, table and topic the app is configured with', () => {
    expect(localStackInitProblems(loadDoc())).toEqual([]);
  });

  it('is an executable bash script mounted as a LocalStack ready hook that gates the health of LocalStack', () => {
    expect(statSync(join(ROOT, INIT_SCRIPT)).mode & 0o111).not.toBe(0);
    const { localstack } = (interpolate(loadDoc(), {}) as Dict).services;
    expect(localstack.volumes).toContain(`./${INIT_SCRIPT}:/etc/localstack/init/ready.d/create-resources.sh:ro`);
    expect(JSON.stringify(localstack.healthcheck.test)).toContain('/_localstack/init/ready');
  });

  it('makes ordered queues FIFO and the others standard, one line per QUEUE_DEFINITIONS entry', () => {
    expect(script.queues.map((q) => q.name).sort()).toEqual(QUEUE_DEFINITIONS.map((d) => d.name).sort());
    expect(script.queues.filter((q) => q.fifo).map((q) => q.name).sort()).toEqual(QUEUE_DEFINITIONS.filter((d) => d.ordered).map((d) => d.name).sort());
    expect(script.createQueue).toMatch(/"FifoQueue":"true"/);
  });

  it('creates the orders table with its indexes and a NEW_AND_OLD_IMAGES stream', () => {
    const orders = JSON.parse(readFileSync(join(ROOT, 'docker/localstack/tables/orders.json'), 'utf8'));
    expect(orders.GlobalSecondaryIndexes.map((i: Dict) => i.IndexName)).toEqual(['CustomerIndex', 'TenantIndex']);
    expect(orders.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('creates the sales metrics table with TTL on expiresAt, as the Sales module defines it', () => {
    const metrics = JSON.parse(readFileSync(join(ROOT, 'docker/localstack/tables/sales-metrics.json'), 'utf8'));
    expect(metrics.TableName).toBe('mercantil-sales-metrics');
    expect(metrics.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(script.tables).toContainEqual({ file: 'sales-metrics.json', ttlAttribute: 'expiresAt' });
    expect(script.tables.filter((t) => t.ttlAttribute).map((t) => t.file)).toEqual(['sales-metrics.json']);
  });

  it('creates no buckets: the compose app keeps its objects on disk', () => {
    expect(script.buckets).toEqual([]);
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
  const base = loadDoc;

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
    ['waiting for a service whose healthcheck is disabled', (d) => (d.services.probe = { image: 'busybox', depends_on: { worker: { condition: 'service_healthy' } } }), /"worker" has no healthcheck/],
    ['an endpoint naming no service', (d) => (d.services.app.environment.SQS_ENDPOINT = 'http://localstak:4566'), /SQS_ENDPOINT points at "localstak", which is not a service/],
    ['an endpoint on a service the app does not wait for', (d) => delete d.services.app.depends_on.opensearch, /OPENSEARCH_URL points at "opensearch", but app does not depend_on it/],
    ['the aws profile without AUTH_ISSUER', (d) => delete d.services.worker.environment.AUTH_ISSUER, /services\.worker\.environment: rejected [\s\S]*AUTH_ISSUER and AUTH_AUDIENCE/],
    ['the aws profile without a DATABASE_URL', (d) => delete d.services.app.environment.DATABASE_URL, /DATABASE_URL is required/],
    ['DynamoDB without a local endpoint', (d) => delete d.services.app.environment.DYNAMODB_ENDPOINT, /ORDER_STORE=dynamodb without DYNAMODB_ENDPOINT would call real AWS/],
    ['SNS without a local endpoint', (d) => Object.assign(d.services.app.environment, { NOTIFIER: 'sns', AWS_ENDPOINT_URL: '' }), /NOTIFIER=sns without AWS_ENDPOINT_URL/],
    [
      'Step Functions without a local endpoint',
      (d) => Object.assign(d.services.app.environment, { WORKFLOW_ENGINE: 'step-functions', STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:us-east-1:000000000000:stateMachine:mercantil-' }),
      /WORKFLOW_ENGINE=step-functions without SFN_ENDPOINT/,
    ],
    ['Textract, which nothing emulates here', (d) => (d.services.app.environment.DOCUMENT_ANALYZER = 'textract'), /DOCUMENT_ANALYZER=textract has no local emulator/],
    ['Athena, which nothing emulates here', (d) => (d.services.worker.environment.ANALYTICS_ENGINE = 'athena'), /services\.worker\.environment: ANALYTICS_ENGINE=athena has no local emulator/],
    ['DuckDB with the objects in S3', (d) => (d.services.app.environment.OBJECT_STORE = 's3'), /ANALYTICS_ENGINE=duckdb reads the local lake only: it needs OBJECT_STORE=local/],
    [
      'sales metrics in DynamoDB without a local endpoint',
      (d) => Object.assign(d.services.app.environment, { ORDER_STORE: 'postgres', SKU_LOOKUP_STORE: 'postgres', DYNAMODB_ENDPOINT: '' }),
      /SALES_METRICS_STORE=dynamodb without DYNAMODB_ENDPOINT would call real AWS/,
    ],
    ['no dummy AWS credentials', (d) => delete d.services.app.environment.AWS_SECRET_ACCESS_KEY, /AWS_SECRET_ACCESS_KEY is not set/],
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

describe('the init-script check rejects what the app would miss', () => {
  const script = readFileSync(join(ROOT, INIT_SCRIPT), 'utf8');
  const orders = readFileSync(join(ROOT, 'docker/localstack/tables/orders.json'), 'utf8');
  const replaced = (from: string | RegExp, to: string) => {
    const text = script.replace(from, to);
    expect(text).not.toBe(script);
    return { [INIT_SCRIPT]: text };
  };

  const scriptCases: [string, () => Record<string, string>, RegExp][] = [
    ['a queue of QUEUE_DEFINITIONS left out', () => replaced(/^create_queue workflow-steps .*\n/m, ''), /queue workflow-steps \(QUEUE_DEFINITIONS\) is not created/],
    ['another visibility timeout', () => replaced('create_queue order-processing 300 5', 'create_queue order-processing 30 5'), /order-processing: visibility 30 s, QUEUE_DEFINITIONS says 300 s/],
    ['another DLQ threshold', () => replaced('create_queue workflow-steps 300 10', 'create_queue workflow-steps 300 3'), /workflow-steps: DLQ after 3 receives, QUEUE_DEFINITIONS says 10/],
    ['an ordered queue created as a standard queue', () => replaced('create_queue changes-search 60 20 fifo', 'create_queue changes-search 60 20'), /changes-search: ordered, so it must be a FIFO queue/],
    ['a queue nothing defines', () => replaced('create_queue order-processing 300 5', 'create_queue order-processing 300 5\ncreate_queue stale 30 3'), /creates queue stale, which QUEUE_DEFINITIONS does not define/],
    ['queues without a DLQ', () => replaced(/\$\{name\}-dlq\$\{suffix\}/g, '${name}${suffix}'), /create_queue does not create <name>-dlq with a redrive policy/],
    ['a bucket the app never uses', () => replaced(/^create_queue order-processing /m, 'create_bucket mercantil-data-lake\ncreate_queue order-processing '), /creates bucket mercantil-data-lake, but the app keeps its objects on disk/],
    ['the sales metrics table left out', () => replaced(/^create_table sales-metrics\.json .*\n/m, ''), /table mercantil-sales-metrics \(the app's config\) is not created/],
    ['the sales metrics table without its TTL', () => replaced('create_table sales-metrics.json expiresAt', 'create_table sales-metrics.json'), /mercantil-sales-metrics: TTL on nothing, the app expects expiresAt/],
    ['a TTL on a table without one', () => replaced('create_table orders.json', 'create_table orders.json expiresAt'), /mercantil-orders: TTL on expiresAt, the app expects none/],
    ['the topic left out', () => replaced(/^create_topic .*\n/m, ''), /topic mercantil-order-notifications \(ORDER_NOTIFICATIONS_TOPIC_ARN\) is not created/],
    ['a table left out', () => replaced(/^create_table sku-lookup\.json\n/m, ''), /table mercantil-sku-lookup \(the app's config\) is not created[\s\S]*sku-lookup\.json is never passed/],
    ['a table file that does not exist', () => replaced('create_table orders.json', 'create_table order.json'), /create_table order\.json: docker\/localstack\/tables\/order\.json does not exist/],
    ['carrying on after a failed command', () => replaced(/^set -euo pipefail\n/m, ''), /does not stop at the first failing command/],
    [
      'an orders table without its customer index',
      () => {
        const table = JSON.parse(orders);
        table.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.filter((i: Dict) => i.IndexName !== 'CustomerIndex');
        return { 'docker/localstack/tables/orders.json': JSON.stringify(table) };
      },
      /table mercantil-orders: its JSON differs from src\/modules\/orders\/adapters\/dynamodb-orders-table\.ts/,
    ],
    ['an orders table without its stream', () => ({ 'docker/localstack/tables/orders.json': orders.replace('NEW_AND_OLD_IMAGES', 'KEYS_ONLY') }), /table mercantil-orders: its JSON differs/],
  ];
  it.each(scriptCases)('script: %s', (_label, overrides, expected) => {
    expect(localStackInitProblems(loadDoc(), overrides()).join('\n')).toMatch(expected);
  });

  const composeCases: [string, (d: Dict) => void, RegExp][] = [
    [
      'objects in S3, which the script makes no bucket for',
      (d) => Object.assign(d.services.app.environment, { OBJECT_STORE: 's3', ANALYTICS_ENGINE: 'athena', BUCKET_DATA_LAKE: 'lake' }),
      /SERVICES lacks s3[\s\S]*bucket lake \(the app's config\) is not created/,
    ],
    ['a sales metrics table name the script does not create', (d) => (d.services.app.environment.SALES_METRICS_TABLE = 'metrics'), /table metrics \(the app's config\) is not created/],
    ['a table name the script does not create', (d) => (d.services.app.environment.ORDERS_TABLE = 'orders'), /table orders \(the app's config\) is not created/],
    ['another queue name prefix', (d) => (d.services.app.environment.SQS_QUEUE_URL_PREFIX = 'http://localstack:4566/000000000000/other-'), /names queues "other-…", the init script "mercantil-…"/],
    ['queue URLs on another host', (d) => (d.services.app.environment.SQS_QUEUE_URL_PREFIX = 'http://sqs:4566/000000000000/mercantil-'), /SQS_QUEUE_URL_PREFIX points at sqs, not localstack/],
    ['a topic in another region', (d) => (d.services.app.environment.ORDER_NOTIFICATIONS_TOPIC_ARN = 'arn:aws:sns:eu-west-1:000000000000:mercantil-order-notifications'), /is in eu-west-1, the app in us-east-1/],
    ['LocalStack without SNS', (d) => (d.services.localstack.environment.SERVICES = 'sqs,dynamodb,dynamodbstreams'), /SERVICES lacks sns/],
    ['the tables not mounted where the script reads them', (d) => d.services.localstack.volumes.pop(), /nothing is mounted at the script's TABLES=\/etc\/mercantil\/tables/],
    ['no init script mounted', (d) => (d.services.localstack.volumes = []), /no service bind-mounts an init script/],
  ];
  it.each(composeCases)('compose: %s', (_label, mutate, expected) => {
    const doc = loadDoc();
    mutate(doc);
    expect(localStackInitProblems(doc).join('\n')).toMatch(expected);
  });
});
