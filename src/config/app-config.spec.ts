import { ConfigValidationError, DEV_ISSUER, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('boots on embedded defaults with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      profile: 'embedded',
      http: { port: 3000 },
      ports: { orderStore: 'postgres', workflowEngine: 'embedded' },
      auth: { issuer: DEV_ISSUER, devIssuer: true, tokenUse: 'id' },
      rateLimit: { perSecond: 50, burst: 250 },
      seedDemo: true,
    });
    expect(config.database.url).toBeUndefined();
  });

  it('lets a per-port override beat the profile default', () => {
    expect(loadConfig({ ORDER_STORE: 'dynamodb' }).ports.orderStore).toBe('dynamodb');
    const aws = { MERCANTIL_PROFILE: 'aws', DATABASE_URL: 'postgres://db/x', AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/pool', AUTH_AUDIENCE: 'client',
      SQS_QUEUE_URL_PREFIX: 'https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil-',
      ORDER_NOTIFICATIONS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:order-notifications',
      STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-',
      OPENSEARCH_URL: 'https://search-mercantil.eu-west-1.es.amazonaws.com' };
    expect(loadConfig(aws).ports).toEqual({
      orderStore: 'dynamodb',
      queue: 'sqs',
      notifier: 'sns',
      workflowEngine: 'step-functions',
      objectStore: 's3',
      documentAnalyzer: 'textract',
      skuLookup: 'dynamodb',
      searchEngine: 'opensearch',
      cache: 'memory',
      salesMetrics: 'dynamodb',
      analyticsEngine: 'athena',
    });
    const overridden = { QUEUE: 'postgres', NOTIFIER: 'outbox', WORKFLOW_ENGINE: 'embedded', OBJECT_STORE: 'local', DOCUMENT_ANALYZER: 'embedded', SKU_LOOKUP_STORE: 'postgres', SALES_METRICS_STORE: 'postgres' };
    expect(loadConfig({ ...aws, ...overridden }).ports).toEqual({
      orderStore: 'dynamodb',
      queue: 'postgres',
      notifier: 'outbox',
      workflowEngine: 'embedded',
      objectStore: 'local',
      documentAnalyzer: 'embedded',
      skuLookup: 'postgres',
      searchEngine: 'opensearch',
      cache: 'memory',
      salesMetrics: 'postgres',
      analyticsEngine: 'athena',
    });
    expect(loadConfig({ ...aws, ORDER_STORE: 'postgres' }).ports.orderStore).toBe('postgres');
    expect(loadConfig({ ...aws, SFN_ENDPOINT: 'http://localhost:4566' }).aws).toMatchObject({
      stateMachineArnPrefix: 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-',
      sfnEndpoint: 'http://localhost:4566',
    });
    expect(loadConfig(aws).auth.jwksUrl).toBe('https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json');
  });

  it('keeps the built-in dev issuer on the aws profile when AUTH_ISSUER names it (LocalStack has no Cognito)', () => {
    const aws = { MERCANTIL_PROFILE: 'aws', DATABASE_URL: 'postgres://db/x', QUEUE: 'postgres', NOTIFIER: 'outbox', WORKFLOW_ENGINE: 'embedded', SEARCH_ENGINE: 'postgres' };
    expect(loadConfig({ ...aws, AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: 'local-client' }).auth).toEqual({
      issuer: DEV_ISSUER,
      audience: 'local-client',
      jwksUrl: undefined,
      tokenUse: 'id',
      devIssuer: true,
    });
    expect(loadConfig({ ...aws, AUTH_ISSUER: 'https://issuer.example.com', AUTH_AUDIENCE: 'c' }).auth).toMatchObject({
      devIssuer: false,
      jwksUrl: 'https://issuer.example.com/.well-known/jwks.json',
    });
  });

  it('caches in memory unless Redis is configured, on either profile', () => {
    expect(loadConfig({})).toMatchObject({ ports: { cache: 'memory' }, cache: { maxEntries: 10_000, defaultTtlSeconds: 60 } });
    const redis = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0', CACHE_MAX_ENTRIES: '50', CACHE_DEFAULT_TTL_SECONDS: '5' });
    expect(redis).toMatchObject({ ports: { cache: 'redis' }, cache: { redisUrl: 'redis://127.0.0.1:6379/0', maxEntries: 50, defaultTtlSeconds: 5 } });
    expect(loadConfig({ REDIS_URL: 'rediss://:secret@cache.example.com:6379', CACHE: 'memory' }).ports.cache).toBe('memory');
  });

  it('queries the lake with DuckDB embedded and Athena on AWS, either overridable', () => {
    expect(loadConfig({})).toMatchObject({
      ports: { analyticsEngine: 'duckdb' },
      analytics: { athenaWorkGroup: 'primary', glueDatabase: 'mercantil_lake', queryTimeoutSeconds: 300 },
    });
    const athena = loadConfig({ ANALYTICS_ENGINE: 'athena', ATHENA_WORKGROUP: 'mercantil', GLUE_DATABASE: 'lake_prod', ATHENA_OUTPUT_LOCATION: 's3://results/athena/' });
    expect(athena).toMatchObject({
      ports: { analyticsEngine: 'athena' },
      analytics: { athenaWorkGroup: 'mercantil', glueDatabase: 'lake_prod', athenaOutputLocation: 's3://results/athena/' },
    });
  });

  it('runs the cron schedules in the workers with the Postgres queue, and leaves them to EventBridge with SQS unless told', () => {
    expect(loadConfig({}).worker.cron).toBe('embedded');
    const sqs = { QUEUE: 'sqs', SQS_QUEUE_URL_PREFIX: 'http://localstack:4566/000000000000/mercantil-' };
    expect(loadConfig(sqs).worker.cron).toBe('eventbridge');
    expect(loadConfig({ ...sqs, CRON_SCHEDULER: 'embedded' }).worker.cron).toBe('embedded');
    expect(() => loadConfig({ CRON_SCHEDULER: 'cron' })).toThrow(/CRON_SCHEDULER/);
  });

  it.each([
    [{ ANALYTICS_ENGINE: 'presto' }, /ANALYTICS_ENGINE/],
    [{ OBJECT_STORE: 's3' }, /ANALYTICS_ENGINE=duckdb reads the local lake only/],
    [{ GLUE_DATABASE: 'lake; drop' }, /GLUE_DATABASE/],
    [{ ATHENA_OUTPUT_LOCATION: 'https://bucket' }, /ATHENA_OUTPUT_LOCATION/],
    [{ CACHE: 'redis' }, /REDIS_URL is required when CACHE=redis/],
    [{ CACHE: 'memcached' }, /CACHE/],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL/],
    [{ ORDERS_STREAM_POLLING: 'true' }, /ORDERS_STREAM_POLLING reads the DynamoDB orders table: it needs ORDER_STORE=dynamodb/],
    [{ ORDERS_STREAM_POLLING: 'sometimes', ORDER_STORE: 'dynamodb' }, /ORDERS_STREAM_POLLING/],
    [{ CACHE_MAX_ENTRIES: '0' }, /CACHE_MAX_ENTRIES/],
    [{ CACHE_DEFAULT_TTL_SECONDS: '0' }, /CACHE_DEFAULT_TTL_SECONDS/],
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ MERCANTIL_PROFILE: 'cloud' }, /MERCANTIL_PROFILE/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ RATE_LIMIT_BURST: '0' }, /RATE_LIMIT_BURST/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO/],
    [{ MERCANTIL_PROFILE: 'aws' }, /DATABASE_URL is required/],
    [{ MERCANTIL_PROFILE: 'aws', DATABASE_URL: 'postgres://db/x' }, /AUTH_ISSUER and AUTH_AUDIENCE/],
    [{ QUEUE: 'sqs' }, /SQS_QUEUE_URL_PREFIX is required/],
    [{ NOTIFIER: 'sns' }, /ORDER_NOTIFICATIONS_TOPIC_ARN is required/],
    [{ WORKER_MODE: 'elsewhere' }, /WORKER_MODE/],
    [{ WORKFLOW_ENGINE: 'temporal' }, /WORKFLOW_ENGINE/],
    [{ WORKFLOW_ENGINE: 'step-functions' }, /STATE_MACHINE_ARN_PREFIX is required/],
    [{ WORKFLOW_ENGINE: 'step-functions', STATE_MACHINE_ARN_PREFIX: 'mercantil-' }, /STATE_MACHINE_ARN_PREFIX must look like/],
    [{ SFN_ENDPOINT: 'not a url' }, /SFN_ENDPOINT/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL/],
    [{ OCR_LANGUAGES: 'spa eng' }, /OCR_LANGUAGES/],
    [{ MATCH_AUTO_THRESHOLD: '1.5' }, /MATCH_AUTO_THRESHOLD/],
    [{ MAX_UPLOAD_BYTES: '0' }, /MAX_UPLOAD_BYTES/],
  ])('rejects %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigValidationError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
