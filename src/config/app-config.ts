import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

export type Profile = 'embedded' | 'aws';
export type ObjectStoreBackend = 'local' | 's3';
export type DocumentAnalyzerBackend = 'embedded' | 'textract';
export type SkuLookupBackend = 'postgres' | 'dynamodb';
export type OrderStore = 'postgres' | 'dynamodb';
export type TokenUse = 'id' | 'access';
export type QueueBackend = 'postgres' | 'sqs';
export type NotifierBackend = 'outbox' | 'sns';
export type WorkflowEngineBackend = 'embedded' | 'step-functions';
export type SearchEngineBackend = 'postgres' | 'opensearch';
export type CacheBackend = 'memory' | 'redis';
export type SalesMetricsBackend = 'postgres' | 'dynamodb';
export type AnalyticsEngineBackend = 'duckdb' | 'athena';
/** Where metrics go: the Prometheus /metrics endpoint, CloudWatch EMF log lines, or both. */
export type MetricsOutput = 'prometheus' | 'emf' | 'both';
/** in-process: the HTTP app also runs the queue consumers; separate: only worker.ts does. */
export type WorkerMode = 'in-process' | 'separate';
/** Who sends the cron schedules' messages: the workers' own scheduler, or EventBridge Scheduler (the CDK stack). */
export type CronSource = 'embedded' | 'eventbridge';

const BOOLEANS: Record<string, boolean> = { true: true, '1': true, yes: true, on: true, false: false, '0': false, no: false, off: false };
/** Unrecognised words stay strings so validation names them instead of reading them as false. */
const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.toLowerCase() in BOOLEANS ? BOOLEANS[value.toLowerCase()] : value;

/**
 * Every environment variable the app reads. Validation runs at boot so that a typo
 * in production fails fast with the variable's name instead of surfacing later as a 500.
 */
export class EnvironmentVariables {
  @IsIn(['embedded', 'aws'])
  MERCANTIL_PROFILE: Profile = 'embedded';

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsString()
  DATA_DIR = './data';

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL?: string;

  @IsOptional()
  @IsIn(['postgres', 'dynamodb'])
  ORDER_STORE?: OrderStore;

  @IsString()
  AWS_REGION = 'us-east-1';

  @IsOptional()
  @IsUrl({ require_tld: false })
  DYNAMODB_ENDPOINT?: string;

  @IsString()
  ORDERS_TABLE = 'mercantil-orders';

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  AUTH_JWKS_URL?: string;

  @IsIn(['id', 'access'])
  AUTH_TOKEN_USE: TokenUse = 'id';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_SECOND = 50;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_BURST = 250;

  @IsOptional()
  @IsIn(['postgres', 'sqs'])
  QUEUE?: QueueBackend;

  /** SQS queue URLs are `${SQS_QUEUE_URL_PREFIX}${queueName}`, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil- */
  @IsOptional()
  @IsString()
  SQS_QUEUE_URL_PREFIX?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  SQS_ENDPOINT?: string;

  @IsOptional()
  @IsIn(['embedded', 'step-functions'])
  WORKFLOW_ENGINE?: WorkflowEngineBackend;

  /** A state machine's ARN is `${STATE_MACHINE_ARN_PREFIX}${workflowName}`, e.g. arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil- */
  @IsOptional()
  @Matches(/^arn:[a-z-]+:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]*$/, {
    message: 'STATE_MACHINE_ARN_PREFIX must look like arn:aws:states:<region>:<account>:stateMachine:<name prefix>',
  })
  STATE_MACHINE_ARN_PREFIX?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  SFN_ENDPOINT?: string;

  @IsIn(['in-process', 'separate'])
  WORKER_MODE: WorkerMode = 'in-process';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 8;

  /**
   * How long a worker may go silent before another takes over its workflow execution:
   * the upper bound on how long a crash delays an execution.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKFLOW_LEASE_SECONDS = 30;

  /** Added to every call of the simulated payment provider and carrier (demos, crash tests, benchmarks). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(60000)
  SIMULATED_PROVIDER_LATENCY_MS = 0;

  @IsOptional()
  @IsIn(['outbox', 'sns'])
  NOTIFIER?: NotifierBackend;

  @IsOptional()
  @IsString()
  ORDER_NOTIFICATIONS_TOPIC_ARN?: string;

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Mercantil <orders@mercantil.local>';

  @IsOptional()
  @IsIn(['local', 's3'])
  OBJECT_STORE?: ObjectStoreBackend;

  @IsOptional()
  @IsUrl({ require_tld: false })
  S3_ENDPOINT?: string;

  @IsString()
  BUCKET_INVOICES_RAW = 'mercantil-invoices-raw';

  @IsString()
  BUCKET_INVOICES_PROCESSED = 'mercantil-invoices-processed';

  @IsString()
  BUCKET_DATA_LAKE = 'mercantil-data-lake';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

  @IsOptional()
  @IsIn(['embedded', 'textract'])
  DOCUMENT_ANALYZER?: DocumentAnalyzerBackend;

  /** tesseract.js language codes, joined with '+'; their trained data ships with the npm packages. */
  @Matches(/^[a-z_]{3,8}(\+[a-z_]{3,8})*$/)
  OCR_LANGUAGES = 'spa+eng';

  @IsOptional()
  @IsIn(['postgres', 'dynamodb'])
  SKU_LOOKUP_STORE?: SkuLookupBackend;

  @IsString()
  SKU_LOOKUP_TABLE = 'mercantil-sku-lookup';

  /** Lines matched with at least this confidence are accepted; the rest go to the review queue. */
  @Transform(({ value }) => Number(value))
  @Min(0)
  @Max(1)
  MATCH_AUTO_THRESHOLD = 0.8;

  @IsOptional()
  @IsIn(['postgres', 'opensearch'])
  SEARCH_ENGINE?: SearchEngineBackend;

  /** The OpenSearch domain endpoint, e.g. https://search-mercantil-abc.eu-west-1.es.amazonaws.com; requests are SigV4-signed unless it is http://. */
  @IsOptional()
  @IsUrl({ require_tld: false })
  OPENSEARCH_URL?: string;

  /** Per-tenant aliases are `${OPENSEARCH_INDEX_PREFIX}-products-${tenant}` and `…-purchases-${tenant}`. */
  @Matches(/^[a-z0-9][a-z0-9_-]*$/)
  OPENSEARCH_INDEX_PREFIX = 'mercantil';

  /** Defaults to redis when REDIS_URL is set, else memory (per process), on both profiles. */
  @IsOptional()
  @IsIn(['memory', 'redis'])
  CACHE?: CacheBackend;

  /** e.g. redis://127.0.0.1:6379/0, or rediss://:password@my-cluster.cache.amazonaws.com:6379 (ElastiCache with TLS). */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_valid_protocol: true })
  REDIS_URL?: string;

  /** Entries the in-memory cache keeps before evicting the least recently used. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  CACHE_MAX_ENTRIES = 10_000;

  /** TTL of cached results whose caller does not choose one. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86_400)
  CACHE_DEFAULT_TTL_SECONDS = 60;

  @IsOptional()
  @IsIn(['postgres', 'dynamodb'])
  SALES_METRICS_STORE?: SalesMetricsBackend;

  @IsString()
  SALES_METRICS_TABLE = 'mercantil-sales-metrics';
  /** duckdb: embedded, over the local lake (OBJECT_STORE=local); athena: over the Glue tables on S3. */
  @IsOptional()
  @IsIn(['duckdb', 'athena'])
  ANALYTICS_ENGINE?: AnalyticsEngineBackend;

  @Matches(/^[A-Za-z0-9._-]{1,128}$/)
  ATHENA_WORKGROUP = 'primary';

  /** The Glue database of the lake tables (the CDK stack defines it). */
  @Matches(/^[a-z0-9_]{1,255}$/)
  GLUE_DATABASE = 'mercantil_lake';

  /** s3://bucket/prefix/ for query results; leave unset when the workgroup enforces its own. */
  @IsOptional()
  @Matches(/^s3:\/\/[a-z0-9.-]{3,63}(\/.*)?$/)
  ATHENA_OUTPUT_LOCATION?: string;

  /** A query still running after this is stopped (StopQueryExecution) and fails. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1800)
  ATHENA_QUERY_TIMEOUT_SECONDS = 300;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Defaults to emf on the aws profile (CloudWatch reads it from the log stream), else prometheus. */
  @IsOptional()
  @IsIn(['prometheus', 'emf', 'both'])
  METRICS_OUTPUT?: MetricsOutput;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO?: boolean;

  /**
   * The workers read the orders table's stream themselves, where no Lambda is subscribed to it
   * (the compose stack on LocalStack). Needs ORDER_STORE=dynamodb.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  ORDERS_STREAM_POLLING?: boolean;

  /** Defaults to embedded with the Postgres queue and to eventbridge with SQS. */
  @IsOptional()
  @IsIn(['embedded', 'eventbridge'])
  CRON_SCHEDULER?: CronSource;
}

export interface AppConfig {
  profile: Profile;
  nodeEnv: string;
  http: { port: number; host: string };
  dataDir: string;
  database: { url?: string };
  ports: {
    orderStore: OrderStore;
    queue: QueueBackend;
    notifier: NotifierBackend;
    workflowEngine: WorkflowEngineBackend;
    objectStore: ObjectStoreBackend;
    documentAnalyzer: DocumentAnalyzerBackend;
    skuLookup: SkuLookupBackend;
    searchEngine: SearchEngineBackend;
    cache: CacheBackend;
    salesMetrics: SalesMetricsBackend;
    analyticsEngine: AnalyticsEngineBackend;
  };
  aws: {
    region: string;
    dynamodbEndpoint?: string;
    ordersTable: string;
    sqsQueueUrlPrefix?: string;
    sqsEndpoint?: string;
    orderNotificationsTopicArn?: string;
    stateMachineArnPrefix?: string;
    sfnEndpoint?: string;
    s3Endpoint?: string;
    skuLookupTable: string;
    salesMetricsTable: string;
    opensearchUrl?: string;
  };
  worker: { mode: WorkerMode; concurrency: number; ordersStreamPolling: boolean; cron: CronSource };
  workflow: { leaseSeconds: number };
  simulation: { providerLatencyMs: number };
  storage: { buckets: { invoicesRaw: string; invoicesProcessed: string; dataLake: string }; maxUploadBytes: number };
  ocr: { languages: string };
  matching: { autoMatchThreshold: number };
  search: { indexPrefix: string };
  cache: { redisUrl?: string; maxEntries: number; defaultTtlSeconds: number };
  analytics: { athenaWorkGroup: string; glueDatabase: string; athenaOutputLocation?: string; queryTimeoutSeconds: number };
  mail: { smtpUrl?: string; from: string };
  auth: {
    issuer: string;
    audience: string;
    jwksUrl?: string;
    tokenUse: TokenUse;
    devIssuer: boolean;
  };
  rateLimit: { perSecond: number; burst: number };
  logLevel: string;
  metrics: { output: MetricsOutput };
  seedDemo: boolean;
}

export const DEV_ISSUER = 'urn:mercantil:dev-issuer';
export const DEV_AUDIENCE = 'mercantil-dev-client';

export class ConfigValidationError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(defined[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toAppConfig(vars);
}

function toAppConfig(vars: EnvironmentVariables): AppConfig {
  const aws = vars.MERCANTIL_PROFILE === 'aws';
  if (aws && !vars.DATABASE_URL) {
    throw new ConfigValidationError('Invalid configuration:\n  DATABASE_URL is required when MERCANTIL_PROFILE=aws');
  }
  if (aws && !(vars.AUTH_ISSUER && vars.AUTH_AUDIENCE)) {
    throw new ConfigValidationError(
      'Invalid configuration:\n  AUTH_ISSUER and AUTH_AUDIENCE (the Cognito user pool issuer and app client id) are required when MERCANTIL_PROFILE=aws',
    );
  }
  if ((vars.QUEUE ?? (aws ? 'sqs' : 'postgres')) === 'sqs' && !vars.SQS_QUEUE_URL_PREFIX) {
    throw new ConfigValidationError('Invalid configuration:\n  SQS_QUEUE_URL_PREFIX is required when the queue is SQS');
  }
  if ((vars.NOTIFIER ?? (aws ? 'sns' : 'outbox')) === 'sns' && !vars.ORDER_NOTIFICATIONS_TOPIC_ARN) {
    throw new ConfigValidationError('Invalid configuration:\n  ORDER_NOTIFICATIONS_TOPIC_ARN is required when notifications go to SNS');
  }
  if ((vars.WORKFLOW_ENGINE ?? (aws ? 'step-functions' : 'embedded')) === 'step-functions' && !vars.STATE_MACHINE_ARN_PREFIX) {
    throw new ConfigValidationError('Invalid configuration:\n  STATE_MACHINE_ARN_PREFIX is required when WORKFLOW_ENGINE=step-functions');
  }
  if ((vars.SEARCH_ENGINE ?? (aws ? 'opensearch' : 'postgres')) === 'opensearch' && !vars.OPENSEARCH_URL) {
    throw new ConfigValidationError('Invalid configuration:\n  OPENSEARCH_URL is required when SEARCH_ENGINE=opensearch');
  }
  if (vars.ORDERS_STREAM_POLLING && (vars.ORDER_STORE ?? (aws ? 'dynamodb' : 'postgres')) !== 'dynamodb') {
    throw new ConfigValidationError('Invalid configuration:\n  ORDERS_STREAM_POLLING reads the DynamoDB orders table: it needs ORDER_STORE=dynamodb');
  }
  if (vars.CACHE === 'redis' && !vars.REDIS_URL) {
    throw new ConfigValidationError('Invalid configuration:\n  REDIS_URL is required when CACHE=redis');
  }
  if ((vars.ANALYTICS_ENGINE ?? (aws ? 'athena' : 'duckdb')) === 'duckdb' && (vars.OBJECT_STORE ?? (aws ? 's3' : 'local')) !== 'local') {
    throw new ConfigValidationError('Invalid configuration:\n  ANALYTICS_ENGINE=duckdb reads the local lake only: it needs OBJECT_STORE=local');
  }
  // AUTH_ISSUER=<DEV_ISSUER> keeps the built-in issuer on the aws profile (the compose stack: LocalStack has no Cognito).
  const devIssuer = !vars.AUTH_ISSUER || vars.AUTH_ISSUER === DEV_ISSUER;
  return {
    profile: vars.MERCANTIL_PROFILE,
    nodeEnv: vars.NODE_ENV,
    http: { port: vars.PORT, host: vars.HOST },
    dataDir: vars.DATA_DIR,
    database: { url: vars.DATABASE_URL },
    ports: {
      orderStore: vars.ORDER_STORE ?? (aws ? 'dynamodb' : 'postgres'),
      queue: vars.QUEUE ?? (aws ? 'sqs' : 'postgres'),
      notifier: vars.NOTIFIER ?? (aws ? 'sns' : 'outbox'),
      workflowEngine: vars.WORKFLOW_ENGINE ?? (aws ? 'step-functions' : 'embedded'),
      objectStore: vars.OBJECT_STORE ?? (aws ? 's3' : 'local'),
      documentAnalyzer: vars.DOCUMENT_ANALYZER ?? (aws ? 'textract' : 'embedded'),
      skuLookup: vars.SKU_LOOKUP_STORE ?? (aws ? 'dynamodb' : 'postgres'),
      searchEngine: vars.SEARCH_ENGINE ?? (aws ? 'opensearch' : 'postgres'),
      cache: vars.CACHE ?? (vars.REDIS_URL ? 'redis' : 'memory'),
      salesMetrics: vars.SALES_METRICS_STORE ?? (aws ? 'dynamodb' : 'postgres'),
      analyticsEngine: vars.ANALYTICS_ENGINE ?? (aws ? 'athena' : 'duckdb'),
    },
    aws: {
      region: vars.AWS_REGION,
      dynamodbEndpoint: vars.DYNAMODB_ENDPOINT,
      ordersTable: vars.ORDERS_TABLE,
      sqsQueueUrlPrefix: vars.SQS_QUEUE_URL_PREFIX,
      sqsEndpoint: vars.SQS_ENDPOINT,
      orderNotificationsTopicArn: vars.ORDER_NOTIFICATIONS_TOPIC_ARN,
      stateMachineArnPrefix: vars.STATE_MACHINE_ARN_PREFIX,
      sfnEndpoint: vars.SFN_ENDPOINT,
      s3Endpoint: vars.S3_ENDPOINT,
      skuLookupTable: vars.SKU_LOOKUP_TABLE,
      salesMetricsTable: vars.SALES_METRICS_TABLE,
      opensearchUrl: vars.OPENSEARCH_URL,
    },
    worker: {
      mode: vars.WORKER_MODE,
      concurrency: vars.WORKER_CONCURRENCY,
      ordersStreamPolling: vars.ORDERS_STREAM_POLLING ?? false,
      cron: vars.CRON_SCHEDULER ?? ((vars.QUEUE ?? (aws ? 'sqs' : 'postgres')) === 'sqs' ? 'eventbridge' : 'embedded'),
    },
    workflow: { leaseSeconds: vars.WORKFLOW_LEASE_SECONDS },
    simulation: { providerLatencyMs: vars.SIMULATED_PROVIDER_LATENCY_MS },
    storage: {
      buckets: { invoicesRaw: vars.BUCKET_INVOICES_RAW, invoicesProcessed: vars.BUCKET_INVOICES_PROCESSED, dataLake: vars.BUCKET_DATA_LAKE },
      maxUploadBytes: vars.MAX_UPLOAD_BYTES,
    },
    ocr: { languages: vars.OCR_LANGUAGES },
    matching: { autoMatchThreshold: vars.MATCH_AUTO_THRESHOLD },
    search: { indexPrefix: vars.OPENSEARCH_INDEX_PREFIX },
    cache: { redisUrl: vars.REDIS_URL, maxEntries: vars.CACHE_MAX_ENTRIES, defaultTtlSeconds: vars.CACHE_DEFAULT_TTL_SECONDS },
    analytics: {
      athenaWorkGroup: vars.ATHENA_WORKGROUP,
      glueDatabase: vars.GLUE_DATABASE,
      athenaOutputLocation: vars.ATHENA_OUTPUT_LOCATION,
      queryTimeoutSeconds: vars.ATHENA_QUERY_TIMEOUT_SECONDS,
    },
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM },
    auth: {
      issuer: vars.AUTH_ISSUER ?? DEV_ISSUER,
      audience: vars.AUTH_AUDIENCE ?? DEV_AUDIENCE,
      jwksUrl: vars.AUTH_JWKS_URL ?? (devIssuer ? undefined : `${vars.AUTH_ISSUER}/.well-known/jwks.json`),
      tokenUse: vars.AUTH_TOKEN_USE,
      devIssuer,
    },
    rateLimit: { perSecond: vars.RATE_LIMIT_PER_SECOND, burst: vars.RATE_LIMIT_BURST },
    logLevel: vars.LOG_LEVEL,
    metrics: { output: vars.METRICS_OUTPUT ?? (aws ? 'emf' : 'prometheus') },
    seedDemo: vars.SEED_DEMO ?? !aws,
  };
}
