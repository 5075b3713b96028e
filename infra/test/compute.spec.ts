import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QUEUE_DEFINITIONS } from '../../src/common/queue/queue-definition';
import { LAKE_TABLES } from '../../src/modules/analytics/domain/lake-tables';
import { loadConfig } from '../../src/config/app-config';
import { distBuild, exportsValue } from '../lib/compute/app-build';
import { checkSourceHandler } from './support/source-build';
import { REPO_ROOT, synth } from './support/synth';
import { allows, allowsOnArn, functionNamed, writablePrefixes, logicalIdOf, mentions, roleOfFunction, statementsOfRole } from './support/template-queries';

const { template, handlers } = synth('dev', 'lambda');
const id = (type: string, prefix: string) => logicalIdOf(template, type, prefix);
const ORDERS = () => id('AWS::DynamoDB::Table', 'TablesOrders');
const SKU_LOOKUP = () => id('AWS::DynamoDB::Table', 'TablesSkuLookup');
const LAKE = () => id('AWS::S3::Bucket', 'StorageDataLake');
const RESULTS = () => id('AWS::S3::Bucket', 'StorageQueryResults');
const SALES_METRICS = () => id('AWS::DynamoDB::Table', 'TablesSalesMetrics');
const SEARCH = () => id('AWS::OpenSearchService::Domain', 'SearchDomain');
const WORKGROUP_ARN = ':workgroup/mercantil-dev-analytics';
const RAW = () => id('AWS::S3::Bucket', 'StorageInvoicesRaw');
const queueNamed = (name: string) => Object.entries(template.findResources('AWS::SQS::Queue')).find(([, q]) => q.Properties.QueueName === name)![0];
const stateMachine = (name: string) => id('AWS::StepFunctions::StateMachine', `Workflows${name.replace(/-/g, '')}`);

describe('Lambda handlers', () => {
  it('the stack names the API, the three workers, the workflow task handler and the change relay', () => {
    expect([...handlers].sort()).toEqual([
      'dist/lambda.handler',
      'dist/workers/change-relay.handler.handler',
      'dist/workers/dynamodb-stream.handler.handler',
      'dist/workers/s3.handler.handler',
      'dist/workers/sqs.handler.handler',
      'dist/workers/workflow-task.handler.handler',
    ]);
  });

  it.each([...handlers])('%s exists and exports its handler', (handler) => {
    expect(() => checkSourceHandler(REPO_ROOT, handler)).not.toThrow();
  });

  it('an export declared but never assigned (tsc’s `exports.x = void 0`) does not count', () => {
    expect(exportsValue('exports.closeS3Handler = exports.handler = void 0;\nexports.handler = handler;', 'handler')).toBe(true);
    expect(exportsValue('exports.handler = void 0;\nexports.other = 1;', 'handler')).toBe(false);
    expect(exportsValue('Object.defineProperty(exports, "handler", { enumerable: true, get: () => x });', 'handler')).toBe(true);
  });

  it('synth from dist/ fails clearly when a handler file, its export or its bundle is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'dist-'));
    mkdirSync(join(root, 'dist', 'workers'), { recursive: true });
    writeFileSync(join(root, 'package-lock.json'), '{"packages":{}}');
    writeFileSync(join(root, 'dist', 'workers', 'sqs.handler.js'), 'exports.handler = void 0;\nexports.handler = async () => ({});');
    writeFileSync(join(root, 'dist', 'workers', 's3.handler.js'), 'exports.other = 1;');
    writeFileSync(join(root, 'dist', 'lambda.js'), 'exports.handler = async () => ({});');
    const bundles = join(root, 'dist-lambda');
    mkdirSync(join(bundles, 'workers'), { recursive: true });
    writeFileSync(join(bundles, 'workers', 'sqs.handler.js'), 'exports.handler = async () => ({});');
    const build = distBuild(root, bundles);
    expect(() => build.codeFor('dist/workers/sqs.handler.handler')).not.toThrow();
    expect(() => build.codeFor('dist/workers/s3.handler.handler')).toThrow('dist/workers/s3.handler.js does not export `handler`');
    expect(() => build.codeFor('dist/workers/nope.handler.handler')).toThrow('dist/workers/nope.handler.js is missing; run `npm run build`');
    expect(() => build.codeFor('dist/lambda.handler')).toThrow('Lambda handler dist/lambda.handler has no bundle in dist-lambda');
    expect(() => distBuild(mkdtempSync(join(tmpdir(), 'nodist-')), bundles)).toThrow(/run `npm run build` before synthesizing/);
  });

  it('packages each handler alone: its bundle at its dist/ path, package.json and the file-serving packages', () => {
    const root = mkdtempSync(join(tmpdir(), 'dist-'));
    mkdirSync(join(root, 'dist', 'workers'), { recursive: true });
    mkdirSync(join(root, 'dist-lambda', 'workers'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'swagger-ui-dist'), { recursive: true });
    writeFileSync(join(root, 'package-lock.json'), '{"packages":{}}');
    writeFileSync(join(root, 'package.json'), '{"name":"fixture"}');
    writeFileSync(join(root, 'node_modules', 'swagger-ui-dist', 'index.html'), '<html></html>');
    for (const module of ['lambda', 'workers/sqs.handler']) {
      writeFileSync(join(root, 'dist', `${module}.js`), 'exports.handler = async () => ({});');
      writeFileSync(join(root, 'dist-lambda', `${module}.js`), `exports.handler = async () => "${module}";`);
    }
    const build = distBuild(root, join(root, 'dist-lambda'));
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Packaging');
    // Two functions on one module share its asset.
    ['dist/lambda.handler', 'dist/workers/sqs.handler.handler', 'dist/lambda.handler'].forEach((handler, i) => {
      new lambda.Function(stack, `fn${i}`, { runtime: lambda.Runtime.NODEJS_22_X, handler, code: build.codeFor(handler) });
    });
    app.synth();
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const contents = assets.map((asset) => filesUnder(join(outdir, asset)).sort());
    expect(contents.sort()).toEqual([
      ['dist/lambda.js', 'node_modules/swagger-ui-dist/index.html', 'package.json'],
      ['dist/workers/sqs.handler.js', 'node_modules/swagger-ui-dist/index.html', 'package.json'],
    ]);
  });
});

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

describe('function configuration', () => {
  const api = functionNamed(template, 'api').resource.Properties!;

  it('runs Node 22 on arm64 in the VPC, env encrypted with the environment key, logs kept a week', () => {
    expect(api).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 29, KmsKeyArn: { 'Fn::GetAtt': [id('AWS::KMS::Key', 'StorageKey'), 'Arn'] } });
    expect(api.VpcConfig.SubnetIds.length).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/lambda/mercantil-dev-api', RetentionInDays: 7 });
  });

  it('the environment names only variables the app reads, and is enough for the aws profile to boot', () => {
    const env = api.Environment.Variables as Record<string, unknown>;
    expect(env).toMatchObject({ MERCANTIL_PROFILE: 'aws', WORKER_MODE: 'separate', AUTH_TOKEN_USE: 'id', SEED_DEMO: 'false' });
    expect(JSON.stringify(env.DATABASE_URL)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(env.DATABASE_URL)).toContain(':SecretString:password::}}');
    // CloudFormation fills in tokens at deploy time; stand in plausible values for them.
    const deployed: Record<string, string> = {
      DATABASE_URL: 'postgres://mercantil:pw@db.example:5432/mercantil?sslmode=no-verify',
      SQS_QUEUE_URL_PREFIX: 'https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil-dev-',
      STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-dev-',
      OPENSEARCH_URL: 'https://vpc-mercantil.eu-west-1.es.amazonaws.com',
      AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
    };
    const values = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : (deployed[k] ?? `resolved-${k}`)]));
    const config = loadConfig(values);
    expect(config.ports).toMatchObject({
      orderStore: 'dynamodb',
      queue: 'sqs',
      workflowEngine: 'step-functions',
      searchEngine: 'opensearch',
      notifier: 'sns',
      objectStore: 's3',
      salesMetrics: 'dynamodb',
      analyticsEngine: 'athena',
    });
    const known = loadConfigKeys();
    expect(Object.keys(values).filter((k) => !known[k])).toEqual([]);
  });

  it('names the sales metrics table, the Glue database and the Athena workgroup the stack creates', () => {
    const env = api.Environment.Variables as Record<string, unknown>;
    expect(env.SALES_METRICS_TABLE).toEqual({ Ref: SALES_METRICS() });
    const [database] = Object.values(template.findResources('AWS::Glue::Database'));
    const [workGroup] = Object.values(template.findResources('AWS::Athena::WorkGroup'));
    expect(env.GLUE_DATABASE).toBe(database.Properties.DatabaseInput.Name);
    expect(env.ATHENA_WORKGROUP).toBe(workGroup.Properties.Name);
    // The workgroup enforces where results go and how they are encrypted.
    expect(env.ATHENA_OUTPUT_LOCATION).toBeUndefined();
    expect(workGroup.Properties.WorkGroupConfiguration.EnforceWorkGroupConfiguration).toBe(true);
  });

  it('the API stops a synchronous Athena query before its own timeout; report workers outlast the default query timeout', () => {
    expect(Number(api.Environment.Variables.ATHENA_QUERY_TIMEOUT_SECONDS)).toBeLessThan(api.Timeout);
    const worker = functionNamed(template, 'queue-analytics-reports').resource.Properties!;
    expect(worker.Environment.Variables.ATHENA_QUERY_TIMEOUT_SECONDS).toBeUndefined();
    expect(worker.Timeout).toBeGreaterThan(loadConfig({}).analytics.queryTimeoutSeconds);
  });

  it('task functions add only WORKFLOW_TASK, which workflow-task.handler reads', () => {
    const task = functionNamed(template, 'task-ProcessPayment').resource.Properties!.Environment.Variables;
    expect(Object.keys(task).filter((k) => !(k in api.Environment.Variables))).toEqual(['WORKFLOW_TASK']);
  });
});

/** EnvironmentVariables' properties, read from class-validator's metadata (optional ones have no initializer). */
function loadConfigKeys(): Record<string, true> {
  const { getMetadataStorage } = require('class-validator') as typeof import('class-validator');
  const { EnvironmentVariables } = require('../../src/config/app-config') as typeof import('../../src/config/app-config');
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
  return Object.fromEntries(metadata.map((m) => [m.propertyName, true]));
}

describe('event sources', () => {
  it.each(QUEUE_DEFINITIONS.map((d) => d.name))('the %s queue triggers its own worker, reporting partial batch failures', (queue) => {
    const fn = functionNamed(template, `queue-${queue}`);
    expect(fn.resource.Properties).toMatchObject({ Handler: 'dist/workers/sqs.handler.handler' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn.id },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
  });

  it('queue workers time out well within their queue’s visibility timeout (a sixth of it)', () => {
    expect(functionNamed(template, 'queue-order-processing').resource.Properties!.Timeout).toBe(50);
    for (const subscriber of ['search', 'lake', 'sales']) expect(functionNamed(template, `queue-changes-${subscriber}`).resource.Properties!.Timeout).toBe(10);
    expect(functionNamed(template, 'queue-analytics-reports').resource.Properties!.Timeout).toBe(316);
    for (const d of QUEUE_DEFINITIONS) {
      expect([d.name, functionNamed(template, `queue-${d.name}`).resource.Properties!.Timeout * 6 <= d.visibilityTimeoutSeconds]).toEqual([d.name, true]);
    }
  });

  it('the orders stream triggers the stream worker with partial batch failures, bisection and a DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionNamed(template, 'stream-worker').id },
      EventSourceArn: { 'Fn::GetAtt': [ORDERS(), 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'EventsOrdersStreamDeadLetter'), 'Arn'] } } },
    });
  });

  it('objects created under tenant= in the raw bucket trigger the S3 worker', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: RAW() },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'tenant=' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [functionNamed(template, 's3-worker').id, 'Arn'] },
          },
        ],
      },
    });
  });
});

describe('the change relay (compute=lambda)', () => {
  const changeQueues = ['search', 'lake', 'sales'].map((s) => queueNamed(`mercantil-dev-changes-${s}.fifo`));
  const statements = (fn: string) => statementsOfRole(template, roleOfFunction(template, fn));

  it('runs every minute from an EventBridge schedule whose role may invoke only it', () => {
    const fn = functionNamed(template, 'change-relay');
    expect(fn.resource.Properties).toMatchObject({ Handler: 'dist/workers/change-relay.handler.handler', Timeout: 60 });
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule')).find((r) => r.Properties.Name === 'mercantil-dev-change-relay')!;
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [fn.id, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    const role = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const invokes = statementsOfRole(template, role).filter((st) => [st.Action].flat().includes('lambda:InvokeFunction'));
    expect(invokes.flatMap((st) => [st.Resource].flat()).map((r) => JSON.stringify(r))).toEqual(
      expect.arrayContaining([JSON.stringify({ 'Fn::GetAtt': [fn.id, 'Arn'] })]),
    );
    expect(invokes.flatMap((st) => [st.Resource].flat()).every((r) => JSON.stringify(r).includes(fn.id))).toBe(true);
  });

  it('the relay and the API may send to the change queues, and the relay to nothing else', () => {
    for (const fn of ['change-relay', 'api']) {
      for (const queue of changeQueues) expect([fn, queue, allows(statements(fn), 'sqs:SendMessage', queue)]).toEqual([fn, queue, true]);
    }
    const relay = statements('change-relay');
    expect(allows(relay, 'sqs:SendMessage', queueNamed('mercantil-dev-order-processing'))).toBe(false);
    expect(allows(relay, 'sqs:ReceiveMessage', changeQueues[0])).toBe(false);
    expect(allows(relay, 'dynamodb:PutItem', ORDERS())).toBe(false);
  });
});

describe('least privilege', () => {
  const of = (fn: string) => statementsOfRole(template, roleOfFunction(template, fn));

  it('the API may write the orders table and queue its jobs', () => {
    const api = of('api');
    expect(allows(api, 'dynamodb:PutItem', ORDERS())).toBe(true);
    expect(allows(api, 'states:StartExecution', stateMachine('order-fulfilment'))).toBe(true);
    for (const queue of ['order-processing', 'invoice-processing', 'search-reindex', 'analytics-reports']) {
      expect([queue, allows(api, 'sqs:SendMessage', queueNamed(`mercantil-dev-${queue}`))]).toEqual([queue, true]);
    }
    expect(allows(api, 'sqs:SendMessage', queueNamed('mercantil-dev-sales-reports'))).toBe(false);
    expect(allows(api, 'sqs:ReceiveMessage', queueNamed('mercantil-dev-analytics-reports'))).toBe(false);
  });

  it('the API runs Athena queries over the lake (catalog and lake read, results written) but never writes the lake', () => {
    const api = of('api');
    for (const action of ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution']) {
      expect([action, allowsOnArn(api, action, WORKGROUP_ARN)]).toEqual([action, true]);
    }
    expect(allowsOnArn(api, 'glue:GetTable', ':table/mercantil_dev_lake/sales_daily_reports')).toBe(true);
    expect(allowsOnArn(api, 'glue:GetDatabase', ':database/mercantil_dev_lake')).toBe(true);
    expect(allowsOnArn(api, 'glue:CreateTable', ':database/mercantil_dev_lake')).toBe(false);
    expect(allows(api, 's3:GetObject', LAKE())).toBe(true);
    expect(allows(api, 's3:ListBucket', LAKE())).toBe(true);
    expect(allows(api, 's3:PutObject', LAKE())).toBe(false);
    expect(allows(api, 's3:DeleteObject', LAKE())).toBe(false);
    expect(writablePrefixes(api, RESULTS())).toEqual(['athena/*']);
    expect(allows(api, 's3:GetObject', RESULTS())).toBe(true);
  });

  it('the API reads the real-time sales metrics but cannot change them', () => {
    const api = of('api');
    expect(allows(api, 'dynamodb:Query', SALES_METRICS())).toBe(true);
    expect(allows(api, 'dynamodb:GetItem', SALES_METRICS())).toBe(true);
    expect(allows(api, 'dynamodb:UpdateItem', SALES_METRICS())).toBe(false);
    expect(allows(api, 'dynamodb:PutItem', SALES_METRICS())).toBe(false);
  });

  it('the analytics-reports worker queries Athena and writes only its results prefix of the lake', () => {
    const worker = of('queue-analytics-reports');
    expect(allowsOnArn(worker, 'athena:StartQueryExecution', WORKGROUP_ARN)).toBe(true);
    expect(allowsOnArn(worker, 'glue:GetPartitions', ':table/mercantil_dev_lake/purchases')).toBe(true);
    expect(allows(worker, 's3:GetObject', LAKE())).toBe(true);
    expect(writablePrefixes(worker, LAKE())).toEqual(['analytics-reports/*']);
    expect(writablePrefixes(worker, RESULTS())).toEqual(['athena/*']);
    expect(allows(worker, 's3:DeleteObject', LAKE())).toBe(false);
    expect(mentions(worker, ORDERS())).toBe(false);
    expect(mentions(worker, SALES_METRICS())).toBe(false);
  });

  it('the sales-reports worker writes the sales and daily report prefixes of the lake, and nothing else', () => {
    const worker = of('queue-sales-reports');
    expect(writablePrefixes(worker, LAKE()).sort()).toEqual([`${LAKE_TABLES.sales.location}/*`, 'sales_daily_reports/*']);
    expect(allows(worker, 's3:GetObject', LAKE())).toBe(false);
    expect(allowsOnArn(worker, 'athena:StartQueryExecution', WORKGROUP_ARN)).toBe(false);
    expect(mentions(worker, SALES_METRICS())).toBe(false);
    expect(mentions(worker, ORDERS())).toBe(false);
  });

  it('the changes-sales worker records sales into the sales metrics table, and touches no other table', () => {
    const worker = of('queue-changes-sales');
    expect(allows(worker, 'dynamodb:UpdateItem', SALES_METRICS())).toBe(true);
    expect(allows(worker, 'dynamodb:Query', SALES_METRICS())).toBe(true);
    expect(mentions(worker, ORDERS())).toBe(false);
    expect(mentions(worker, LAKE())).toBe(false);
  });

  it('the order-processing worker may start order-fulfilment only, and touch no table or bucket', () => {
    const worker = of('queue-order-processing');
    expect(allows(worker, 'states:StartExecution', stateMachine('order-fulfilment'))).toBe(true);
    expect(allows(worker, 'states:StartExecution', stateMachine('invoice-processing'))).toBe(false);
    expect(mentions(worker, ORDERS())).toBe(false);
    expect(mentions(worker, RAW())).toBe(false);
  });

  it('MatchInvoiceLines reads the SKU lookup but cannot write it, nor reach orders', () => {
    const task = of('task-MatchInvoiceLines');
    expect(allows(task, 'dynamodb:GetItem', SKU_LOOKUP())).toBe(true);
    expect(allows(task, 'dynamodb:PutItem', SKU_LOOKUP())).toBe(false);
    expect(mentions(task, ORDERS())).toBe(false);
  });

  it('only the invoice publisher, the change-feed lake writers and the report workers may write the lake', () => {
    const writers = ['task-PublishProcessedInvoice', 'queue-changes-lake', 'stream-worker', 'queue-sales-reports', 'queue-analytics-reports'];
    for (const name of writers) expect(allows(of(name), 's3:PutObject', LAKE())).toBe(true);
    const functions = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((f) => f.Properties.FunctionName)
      .filter((n): n is string => typeof n === 'string')
      .map((n) => n.replace('mercantil-dev-', ''));
    for (const name of functions.filter((n) => !writers.includes(n))) expect([name, allows(of(name), 's3:PutObject', LAKE())]).toEqual([name, false]);
  });

  it('the stream worker reads the orders stream and does what each change subscriber does: lake, search, sales metrics', () => {
    const stream = of('stream-worker');
    expect(allows(stream, 'dynamodb:GetRecords', ORDERS())).toBe(true);
    expect(allows(stream, 'dynamodb:PutItem', ORDERS())).toBe(false);
    expect(allows(stream, 's3:PutObject', LAKE())).toBe(true);
    expect(allows(stream, 'es:ESHttpPut', SEARCH())).toBe(true);
    expect(allows(stream, 'dynamodb:UpdateItem', SALES_METRICS())).toBe(true);
    // The subscribers run in-process: the stream worker neither sends to nor reads the change queues.
    for (const d of QUEUE_DEFINITIONS) {
      const name = `mercantil-dev-${d.name}${d.ordered ? '.fifo' : ''}`;
      expect([d.name, mentions(stream, queueNamed(name))]).toEqual([d.name, false]);
    }
    expect(allows(stream, 'sqs:SendMessage', id('AWS::SQS::Queue', 'EventsOrdersStreamDeadLetter'))).toBe(true);
  });

  it('no inline policy grants on `*` except where the AWS API has no resource-level permissions', () => {
    // Textract's AnalyzeExpense, DynamoDB Streams' ListStreams, CDK's S3 notification handler and
    // Step Functions' log delivery cannot be scoped to a resource ARN.
    const allowedOnStar = new Set([
      'textract:AnalyzeExpense',
      'dynamodb:ListStreams',
      's3:PutBucketNotification',
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ]);
    const onStar = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s) => [s.Resource].flat().includes('*'))
      .flatMap((s) => [s.Action].flat());
    expect(onStar.filter((a) => !allowedOnStar.has(a))).toEqual([]);
    expect(onStar).toContain('textract:AnalyzeExpense');
  });

  it('Textract is granted to the extraction task alone', () => {
    const holders = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      p.Properties.PolicyDocument.Statement.some((s: any) => [s.Action].flat().includes('textract:AnalyzeExpense')),
    );
    expect(holders.map((p) => p.Properties.Roles)).toEqual([[{ Ref: roleOfFunction(template, 'task-ExtractInvoiceDocument') }]]);
  });
});

describe('HTTP API', () => {
  it('verifies Cognito JWTs (issuer = the pool, audience = the app client) before the app sees a request', () => {
    const pool = id('AWS::Cognito::UserPool', 'AuthUserPool');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: id('AWS::Cognito::UserPoolClient', 'AuthUserPoolApiClient') }],
        Issuer: { 'Fn::GetAtt': [pool, 'ProviderURL'] },
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}', AuthorizationType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /health', AuthorizationType: 'NONE' });
  });

  it('throttles at the stage and logs every request', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue() },
    });
  });

  it('integrates with the API function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionNamed(template, 'api').id, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });
});
