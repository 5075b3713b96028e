/**
 * What the app's containers are given: only variables the app (or the AWS SDK) reads, a
 * configuration the app accepts, URLs that name services of the stack, and on the aws profile an
 * emulator endpoint for every AWS service in use, so the local stack never calls real AWS.
 */
import { getMetadataStorage } from 'class-validator';
import { AppConfig, EnvironmentVariables, loadConfig } from '../../../src/config/app-config';

/** Variables every Node process may be given besides the ones EnvironmentVariables declares. */
const STANDARD_ENV = ['NODE_ENV', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'TZ', 'UV_THREADPOOL_SIZE'];
/** Read by the AWS SDK itself: the default credential chain, and the endpoint of clients the config gives none. */
const AWS_SDK_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL'];
/** URL schemes whose host is a server the process connects to. */
const CONNECTING_SCHEMES = new Set(['http:', 'https:', 'postgres:', 'postgresql:', 'smtp:', 'smtps:', 'redis:', 'rediss:']);

/** The names of EnvironmentVariables, from its class-validator metadata. */
export function appEnvNames(): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

export function allowedAppEnv(): Set<string> {
  return new Set([...appEnvNames(), ...STANDARD_ENV, ...AWS_SDK_ENV]);
}

/** [variable that must be set, why] for each AWS-backed adapter the config selects. */
function requiredEndpoints(config: AppConfig): [string, string][] {
  const { ports } = config;
  const needs: [string, string][] = [];
  if (ports.queue === 'sqs') needs.push(['SQS_ENDPOINT', 'QUEUE=sqs']);
  if (ports.objectStore === 's3') needs.push(['S3_ENDPOINT', 'OBJECT_STORE=s3']);
  if (ports.orderStore === 'dynamodb') needs.push(['DYNAMODB_ENDPOINT', 'ORDER_STORE=dynamodb']);
  if (ports.skuLookup === 'dynamodb') needs.push(['DYNAMODB_ENDPOINT', 'SKU_LOOKUP_STORE=dynamodb']);
  if (ports.salesMetrics === 'dynamodb') needs.push(['DYNAMODB_ENDPOINT', 'SALES_METRICS_STORE=dynamodb']);
  if (ports.workflowEngine === 'step-functions') needs.push(['SFN_ENDPOINT', 'WORKFLOW_ENGINE=step-functions']);
  // The SNS client takes no endpoint setting of the app's: the SDK's AWS_ENDPOINT_URL reaches it.
  if (ports.notifier === 'sns') needs.push(['AWS_ENDPOINT_URL', 'NOTIFIER=sns']);
  if (ports.searchEngine === 'opensearch') needs.push(['OPENSEARCH_URL', 'SEARCH_ENGINE=opensearch']);
  return needs;
}

function urlHost(value: string): string | undefined {
  try {
    const url = new URL(value);
    return CONNECTING_SCHEMES.has(url.protocol) ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

export interface ServiceContext {
  name: string;
  services: ReadonlySet<string>;
  dependencies: ReadonlySet<string>;
}

export function appEnvironmentProblems({ name, services, dependencies }: ServiceContext, env: Record<string, string>): string[] {
  const at = `services.${name}.environment`;
  const problems: string[] = [];
  const allowed = allowedAppEnv();
  for (const key of Object.keys(env)) {
    if (!allowed.has(key)) problems.push(`${at}: ${key} is not read by the app (src/config/app-config.ts)`);
  }

  for (const [key, value] of Object.entries(env)) {
    const host = urlHost(value);
    // Dotted names and IPs are outside the stack; a bare name must be one of its services.
    if (!host || host.includes('.') || host.includes(':') || host === 'localhost' || host === name) continue;
    if (!services.has(host)) problems.push(`${at}: ${key} points at "${host}", which is not a service`);
    else if (!dependencies.has(host)) problems.push(`${at}: ${key} points at "${host}", but ${name} does not depend_on it`);
  }

  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (e) {
    return [...problems, `${at}: rejected by the app's config validation: ${(e as Error).message}`];
  }
  if (config.profile !== 'aws') return problems;
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
    if (!env[key]) problems.push(`${at}: ${key} is not set (the SDK would look for real credentials)`);
  }
  for (const [key, because] of requiredEndpoints(config)) {
    if (!env[key]) problems.push(`${at}: ${because} without ${key} would call real AWS`);
  }
  if (config.ports.documentAnalyzer === 'textract') {
    problems.push(`${at}: DOCUMENT_ANALYZER=textract has no local emulator; set DOCUMENT_ANALYZER=embedded`);
  }
  if (config.ports.analyticsEngine === 'athena') {
    problems.push(`${at}: ANALYTICS_ENGINE=athena has no local emulator; set ANALYTICS_ENGINE=duckdb (with OBJECT_STORE=local)`);
  }
  return problems;
}

/** Variables of EnvironmentVariables that the README never names in backticks. */
export function undocumentedEnv(readme: string): string[] {
  return appEnvNames().filter((name) => !readme.includes(`\`${name}\``));
}
