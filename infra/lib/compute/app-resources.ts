import { Aws, Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Auth } from '../auth';
import { LakeCatalog } from '../lake/lake-catalog';
import { Database } from '../stores/database';
import { Network } from '../stores/network';
import { SearchDomain } from '../stores/search-domain';
import { Storage } from '../stores/storage';
import { Tables } from '../stores/tables';
import { Messaging } from '../messaging';
import { EnvSettings } from '../settings';
import { Workflows } from '../workflows';

/** Everything the app's processes talk to, handed to the compute constructs. */
export interface AppResources {
  settings: EnvSettings;
  key: kms.IKey;
  network: Network;
  storage: Storage;
  tables: Tables;
  database: Database;
  search: SearchDomain;
  messaging: Messaging;
  workflows: Workflows;
  auth: Auth;
  lake: LakeCatalog;
}

/**
 * Added to the API's environment: API Gateway gives up on an integration after 30 s, so the API
 * stops a synchronous Athena query (and its cost) before then, and answers with the error itself.
 */
export const API_ENVIRONMENT: Readonly<Record<string, string>> = { ATHENA_QUERY_TIMEOUT_SECONDS: '25' };

/**
 * The environment every process of the app gets (see EnvironmentVariables in
 * src/config/app-config.ts): the aws profile, and each resource's name, URL or ARN. DATABASE_URL
 * is added by the caller, because Lambda and ECS receive the password differently.
 */
export function appEnvironment(r: AppResources): Record<string, string> {
  const { settings, storage, tables } = r;
  return {
    MERCANTIL_PROFILE: 'aws',
    NODE_ENV: 'production',
    // The consumers run in the queue workers only, never inside the API.
    WORKER_MODE: 'separate',
    SEED_DEMO: 'false',
    LOG_LEVEL: settings.prod ? 'info' : 'debug',
    ORDERS_TABLE: tables.orders.tableName,
    SKU_LOOKUP_TABLE: tables.skuLookup.tableName,
    SALES_METRICS_TABLE: tables.salesMetrics.tableName,
    SQS_QUEUE_URL_PREFIX: Fn.join('', ['https://sqs.', Aws.REGION, '.', Aws.URL_SUFFIX, '/', Aws.ACCOUNT_ID, '/', settings.prefix]),
    STATE_MACHINE_ARN_PREFIX: r.workflows.arnPrefix,
    ORDER_NOTIFICATIONS_TOPIC_ARN: r.messaging.orderNotifications.topicArn,
    BUCKET_INVOICES_RAW: storage.invoicesRaw.bucketName,
    BUCKET_INVOICES_PROCESSED: storage.invoicesProcessed.bucketName,
    BUCKET_DATA_LAKE: storage.dataLake.bucketName,
    OPENSEARCH_URL: r.search.url,
    OPENSEARCH_INDEX_PREFIX: `mercantil-${settings.env}`,
    // The workgroup enforces its results location and encryption, so ATHENA_OUTPUT_LOCATION stays unset.
    ATHENA_WORKGROUP: r.lake.workGroup.name,
    GLUE_DATABASE: r.lake.databaseName,
    AUTH_ISSUER: r.auth.issuer,
    AUTH_AUDIENCE: r.auth.client.userPoolClientId,
    AUTH_TOKEN_USE: 'id',
    RATE_LIMIT_PER_SECOND: String(settings.principalRateLimit.perSecond),
    RATE_LIMIT_BURST: String(settings.principalRateLimit.burst),
  };
}
