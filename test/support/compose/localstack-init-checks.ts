/**
 * Reads the LocalStack init script (its create_* lines) and checks that it creates every bucket,
 * queue (with its DLQ), table and topic the app's compose configuration names, as the app defines them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { QUEUE_DEFINITIONS } from '../../../src/common/queue/queue-definition';
import { AppConfig, loadConfig } from '../../../src/config/app-config';
import { skuLookupTableDefinition } from '../../../src/modules/matching/adapters/dynamodb-sku-lookup-table';
import { ordersTableDefinition } from '../../../src/modules/orders/adapters/dynamodb-orders-table';
import { SALES_METRICS_TTL_ATTRIBUTE, salesMetricsTableDefinition } from '../../../src/modules/sales/adapters/dynamodb-sales-metrics-table';
import { envOf, ROOT, volumeRefs } from './compose-checks';
import { Dict, interpolate, Json } from './compose-schema';

export const READY_HOOKS = '/etc/localstack/init/ready.d/';
const REQUIRED_SERVICES = ['sqs', 'sns', 'dynamodb', 'dynamodbstreams'];

export interface ScriptQueue {
  name: string;
  visibilitySeconds: number;
  maxReceives: number;
  fifo: boolean;
}

export interface InitScript {
  prefix?: string;
  tablesDir?: string;
  buckets: string[];
  queues: ScriptQueue[];
  tables: { file: string; ttlAttribute?: string }[];
  topics: string[];
  /** The body of the create_queue function, which must make each queue's DLQ. */
  createQueue: string;
}

export function parseInitScript(text: string): InitScript {
  const script: InitScript = { buckets: [], queues: [], tables: [], topics: [], createQueue: '' };
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    let m: RegExpExecArray | null;
    if ((m = /^PREFIX=(\S+)$/.exec(line))) script.prefix = m[1];
    else if ((m = /^TABLES=(\S+)$/.exec(line))) script.tablesDir = m[1];
    else if ((m = /^create_bucket (\S+)$/.exec(line))) script.buckets.push(m[1]);
    else if ((m = /^create_queue (\S+) (\d+) (\d+)( fifo)?$/.exec(line))) {
      script.queues.push({ name: m[1], visibilitySeconds: Number(m[2]), maxReceives: Number(m[3]), fifo: Boolean(m[4]) });
    } else if ((m = /^create_table (\S+)(?: (\S+))?$/.exec(line))) script.tables.push({ file: m[1], ttlAttribute: m[2] });
    else if ((m = /^create_topic (\S+)$/.exec(line))) script.topics.push(m[1]);
  }
  script.createQueue = /^create_queue\(\) \{\n([\s\S]*?)\n\}/m.exec(text)?.[1] ?? '';
  return script;
}

/** Bind-mounted files may be replaced by `overrides` (repository-relative path -> text) to test broken ones. */
export type FileOverrides = Record<string, string>;

export function localStackInitProblems(raw: Dict, overrides: FileOverrides = {}): string[] {
  const doc = interpolate(raw as Json, {}) as Dict;
  const read = (path: string) => overrides[normalize(path)] ?? readFileSync(resolve(ROOT, path), 'utf8');
  const services: Dict = doc.services ?? {};
  const isHook = (b: BindMount) => b.target.startsWith(READY_HOOKS);
  const localstack = Object.keys(services).find((n) => bindMounts(services[n]).some(isHook));
  if (!localstack) return [`no service bind-mounts an init script into ${READY_HOOKS}`];
  const at = `services.${localstack}`;
  const hook = bindMounts(services[localstack]).find(isHook)!;
  const text = read(hook.source);
  const script = parseInitScript(text);
  const problems: string[] = [];

  if (!text.startsWith('#!')) problems.push(`${hook.source}: no shebang (LocalStack runs only executable scripts)`);
  if (!/^set -euo pipefail$/m.test(text)) problems.push(`${hook.source}: does not stop at the first failing command (set -euo pipefail)`);
  let config: AppConfig;
  try {
    config = loadConfig(envOf(services.app ?? {}, 'app', []));
  } catch (e) {
    return [...problems, `services.app.environment: rejected by the app's config validation: ${(e as Error).message}`];
  }
  const s3 = config.ports.objectStore === 's3';

  const enabled = String(envOf(services[localstack], localstack, problems).SERVICES ?? '').split(',').map((s) => s.trim());
  for (const s of [...(s3 ? ['s3'] : []), ...REQUIRED_SERVICES]) if (!enabled.includes(s)) problems.push(`${at}.environment: SERVICES lacks ${s}`);

  if (s3) {
    for (const bucket of Object.values(config.storage.buckets)) if (!script.buckets.includes(bucket)) problems.push(`bucket ${bucket} (the app's config) is not created by the init script`);
  } else {
    for (const bucket of script.buckets) problems.push(`the init script creates bucket ${bucket}, but the app keeps its objects on disk (OBJECT_STORE=local)`);
  }
  problems.push(...queueProblems(script, config, localstack));

  const tables = bindMounts(services[localstack]).find((b) => b.target === script.tablesDir);
  if (!tables) problems.push(`${at}.volumes: nothing is mounted at the script's TABLES=${script.tablesDir}`);
  else problems.push(...tableProblems(script, config, tables.source, read));

  const topicArn = config.aws.orderNotificationsTopicArn;
  if (topicArn) {
    const [, , , region, , topic] = topicArn.split(':');
    if (!script.topics.includes(topic)) problems.push(`topic ${topic} (ORDER_NOTIFICATIONS_TOPIC_ARN) is not created by the init script`);
    if (region !== config.aws.region) problems.push(`ORDER_NOTIFICATIONS_TOPIC_ARN is in ${region}, the app in ${config.aws.region}`);
  }
  return problems;
}

interface BindMount {
  source: string;
  target: string;
}

function bindMounts(svc: Dict): BindMount[] {
  return (svc.volumes ?? []).flatMap((v: string | Dict) => {
    const { bind } = volumeRefs({ volumes: [v] })[0];
    return bind ? [{ source: bind, target: typeof v === 'object' ? String(v.target) : v.split(':')[1] }] : [];
  });
}

function queueProblems(script: InitScript, config: AppConfig, localstack: string): string[] {
  const problems: string[] = [];
  const prefixUrl = config.aws.sqsQueueUrlPrefix;
  if (prefixUrl) {
    const url = new URL(prefixUrl);
    const [, account, namePrefix] = url.pathname.split('/');
    if (url.hostname !== localstack) problems.push(`SQS_QUEUE_URL_PREFIX points at ${url.hostname}, not ${localstack}`);
    if (!/^\d{12}$/.test(account ?? '')) problems.push(`SQS_QUEUE_URL_PREFIX has no 12-digit account: ${prefixUrl}`);
    if (namePrefix !== script.prefix) problems.push(`SQS_QUEUE_URL_PREFIX names queues "${namePrefix}…", the init script "${script.prefix}…"`);
  }
  for (const def of QUEUE_DEFINITIONS) {
    const q = script.queues.find((s) => s.name === def.name);
    if (!q) {
      problems.push(`queue ${def.name} (QUEUE_DEFINITIONS) is not created by the init script`);
      continue;
    }
    if (q.visibilitySeconds !== def.visibilityTimeoutSeconds) {
      problems.push(`queue ${def.name}: visibility ${q.visibilitySeconds} s, QUEUE_DEFINITIONS says ${def.visibilityTimeoutSeconds} s`);
    }
    if (q.maxReceives !== def.maxAttempts) problems.push(`queue ${def.name}: DLQ after ${q.maxReceives} receives, QUEUE_DEFINITIONS says ${def.maxAttempts}`);
    if (q.fifo !== Boolean(def.ordered)) problems.push(`queue ${def.name}: ${def.ordered ? 'ordered, so it must be' : 'not ordered, so it must not be'} a FIFO queue`);
  }
  for (const q of script.queues) {
    if (!QUEUE_DEFINITIONS.some((d) => d.name === q.name)) problems.push(`the init script creates queue ${q.name}, which QUEUE_DEFINITIONS does not define`);
  }
  // The DLQ is <name>-dlq (deadLetterQueueOf), FIFO too for an ordered queue, and the redrive policy points at it.
  const body = script.createQueue;
  if (!body.includes('${name}-dlq${suffix}') || !/RedrivePolicy/.test(body) || !/deadLetterTargetArn/.test(body) || !/maxReceiveCount/.test(body)) {
    problems.push('create_queue does not create <name>-dlq with a redrive policy to it');
  }
  return problems;
}

function tableProblems(script: InitScript, config: AppConfig, dir: string, read: (path: string) => string): string[] {
  const problems: string[] = [];
  const created = new Map<string, { definition: CreateTableCommandInput; ttlAttribute?: string }>();
  for (const { file, ttlAttribute } of script.tables) {
    const path = join(dir, file);
    if (!existsSync(resolve(ROOT, path))) {
      problems.push(`create_table ${file}: ${path} does not exist`);
      continue;
    }
    const definition = JSON.parse(read(path)) as CreateTableCommandInput;
    created.set(definition.TableName!, { definition, ttlAttribute });
  }
  const expected: [CreateTableCommandInput, string, string | undefined][] = [
    [ordersTableDefinition(config.aws.ordersTable), 'src/modules/orders/adapters/dynamodb-orders-table.ts', undefined],
    [skuLookupTableDefinition(config.aws.skuLookupTable), 'src/modules/matching/adapters/dynamodb-sku-lookup-table.ts', undefined],
    [salesMetricsTableDefinition(config.aws.salesMetricsTable), 'src/modules/sales/adapters/dynamodb-sales-metrics-table.ts', SALES_METRICS_TTL_ATTRIBUTE],
  ];
  for (const [definition, source, ttl] of expected) {
    const actual = created.get(definition.TableName!);
    if (!actual) {
      problems.push(`table ${definition.TableName} (the app's config) is not created by the init script`);
      continue;
    }
    if (!isDeepStrictEqual(actual.definition, definition)) problems.push(`table ${definition.TableName}: its JSON differs from ${source}`);
    if (actual.ttlAttribute !== ttl) problems.push(`table ${definition.TableName}: TTL on ${actual.ttlAttribute ?? 'nothing'}, the app expects ${ttl ?? 'none'}`);
  }
  const unused = readdirSync(resolve(ROOT, dir)).filter((f) => f.endsWith('.json') && !script.tables.some((t) => t.file === f));
  for (const f of unused) problems.push(`${join(dir, f)} is never passed to create_table`);
  return problems;
}
