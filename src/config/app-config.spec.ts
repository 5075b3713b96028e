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
      STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-' };
    expect(loadConfig(aws).ports).toEqual({
      orderStore: 'dynamodb',
      queue: 'sqs',
      notifier: 'sns',
      workflowEngine: 'step-functions',
      objectStore: 's3',
      documentAnalyzer: 'textract',
      skuLookup: 'dynamodb',
    });
    const overridden = { QUEUE: 'postgres', NOTIFIER: 'outbox', WORKFLOW_ENGINE: 'embedded', OBJECT_STORE: 'local', DOCUMENT_ANALYZER: 'embedded', SKU_LOOKUP_STORE: 'postgres' };
    expect(loadConfig({ ...aws, ...overridden }).ports).toEqual({
      orderStore: 'dynamodb',
      queue: 'postgres',
      notifier: 'outbox',
      workflowEngine: 'embedded',
      objectStore: 'local',
      documentAnalyzer: 'embedded',
      skuLookup: 'postgres',
    });
    expect(loadConfig({ ...aws, ORDER_STORE: 'postgres' }).ports.orderStore).toBe('postgres');
    expect(loadConfig({ ...aws, SFN_ENDPOINT: 'http://localhost:4566' }).aws).toMatchObject({
      stateMachineArnPrefix: 'arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil-',
      sfnEndpoint: 'http://localhost:4566',
    });
    expect(loadConfig(aws).auth.jwksUrl).toBe('https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json');
  });

  it.each([
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
