import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ANALYTICS_REPORTS_QUEUE,
  CHANGE_SUBSCRIBERS,
  INVOICE_PROCESSING_QUEUE,
  LAKE_CHANGE_SUBSCRIBER,
  ORDER_PROCESSING_QUEUE,
  SALES_CHANGE_SUBSCRIBER,
  SALES_REPORTS_QUEUE,
  SEARCH_CHANGE_SUBSCRIBER,
  SEARCH_REINDEX_QUEUE,
  WORKFLOW_QUEUE,
} from '../../../src/common/queue/queue-definition';
import { changeQueueOf } from '../../../src/common/change-feed/change-subscriber';
import { LAKE_TABLES } from '../../../src/modules/analytics/domain/lake-tables';
import { REPORT_RESULTS_PREFIX } from '../../../src/modules/analytics/jobs/report-job.message';
import { INVOICE_PROCESSING_WORKFLOW } from '../../../src/modules/invoices/workflows/invoice-processing.message';
import { ORDER_FULFILMENT_WORKFLOW } from '../../../src/modules/orders/workflows/order-processing.message';
import { AppResources } from './app-resources';

/** Grants one process of the app what it calls on AWS, and nothing else. */
export type Access = (r: AppResources, grantee: iam.IGrantable) => void;


const sendTo =
  (...queues: string[]): Access =>
  (r, g) => {
    for (const name of queues) r.messaging.queue(name).queue.grantSendMessages(g);
  };

const all =
  (...grants: Access[]): Access =>
  (r, g) => {
    for (const grant of grants) grant(r, g);
  };

/** Textract has no resource-level permissions: AnalyzeExpense can only be granted on `*`. */
const analyzeExpense: Access = (_, g) => {
  iam.Grant.addToPrincipal({ grantee: g, actions: ['textract:AnalyzeExpense'], resourceArns: ['*'] });
};

const orderStore: Access = (r, g) => r.tables.orders.grantReadWriteData(g);

/** Athena queries over the lake tables (catalog and lake read, results written and read back). */
const lakeQueries: Access = (r, g) => r.lake.grantQuery(g);

/** New objects under these prefixes of the lake only: no reads, no deletes, no other dataset. */
const lakePut =
  (...prefixes: string[]): Access =>
  (r, g) => {
    for (const prefix of prefixes) r.storage.dataLake.grantPut(g, `${prefix}/*`);
  };

/**
 * Sending the change outbox on to every subscriber's ordered queue: the scheduled relay, and
 * the API, which relays the product changes it commits before each invocation returns.
 */
export const CHANGE_RELAY_ACCESS: Access = sendTo(...CHANGE_SUBSCRIBERS.map(changeQueueOf));

/**
 * The HTTP API: orders (DynamoDB), the catalog's SKU lookup (imports and review answers write
 * it), invoice uploads and downloads (raw bucket), published invoices (read), the queues it
 * feeds (orders, invoices, admin reindexes, queued reports) and the change queues, the workflow endpoints, search
 * (queries, and the admin reindex), the real-time sales metrics (read), and analytics: the
 * summary and synchronous reports query Athena, which reads the lake with the API's own
 * credentials, and queued reports' results are read back from the lake. It never writes the lake.
 */
export const API_ACCESS: Access = all(
  orderStore,
  (r, g) => r.tables.skuLookup.grantReadWriteData(g),
  (r, g) => r.storage.invoicesRaw.grantReadWrite(g),
  (r, g) => r.storage.invoicesProcessed.grantRead(g),
  sendTo(ORDER_PROCESSING_QUEUE, INVOICE_PROCESSING_QUEUE, SEARCH_REINDEX_QUEUE, ANALYTICS_REPORTS_QUEUE),
  CHANGE_RELAY_ACCESS,
  (r, g) => r.workflows.grantRun(g),
  (r, g) => r.search.domain.grantReadWrite(g),
  (r, g) => r.tables.salesMetrics.grantReadData(g),
  lakeQueries,
);

/** ObjectCreated on the raw bucket: read the object, record the invoice, queue its processing. */
export const S3_WORKER_ACCESS: Access = all((r, g) => r.storage.invoicesRaw.grantRead(g), sendTo(INVOICE_PROCESSING_QUEUE));

/** What each queue's consumer does besides reading its queue. */
export const CONSUMER_ACCESS: Readonly<Record<string, Access>> = {
  [ORDER_PROCESSING_QUEUE]: (r, g) => r.workflows.grantRun(g, [ORDER_FULFILMENT_WORKFLOW]),
  [INVOICE_PROCESSING_QUEUE]: (r, g) => r.workflows.grantRun(g, [INVOICE_PROCESSING_WORKFLOW]),
  // Steps of the embedded engine only; on AWS, Step Functions runs the workflows.
  [WORKFLOW_QUEUE]: () => undefined,
  [changeQueueOf(SEARCH_CHANGE_SUBSCRIBER)]: (r, g) => r.search.domain.grantReadWrite(g),
  [changeQueueOf(LAKE_CHANGE_SUBSCRIBER)]: (r, g) => r.storage.dataLake.grantReadWrite(g),
  // Sales are recorded into the real-time metrics; the product's supplier comes from the catalog (Postgres).
  [changeQueueOf(SALES_CHANGE_SUBSCRIBER)]: (r, g) => r.tables.salesMetrics.grantReadWriteData(g),
  // Rebuilds a tenant's index from the catalog (Postgres) and the orders.
  [SEARCH_REINDEX_QUEUE]: all((r, g) => r.tables.orders.grantReadData(g), (r, g) => r.search.domain.grantReadWrite(g)),
  // A day's sales (from Postgres) become the day's `sales` file and each supplier's report file.
  [SALES_REPORTS_QUEUE]: lakePut(LAKE_TABLES.sales.location, LAKE_TABLES.sales_daily_reports.location),
  // Runs a queued report on Athena and stores its result beside the lake tables.
  [ANALYTICS_REPORTS_QUEUE]: all(lakeQueries, lakePut(REPORT_RESULTS_PREFIX)),
};

/**
 * The orders stream is handed straight to every change subscriber in the stream Lambda, so it
 * may do what each subscriber's queue consumer does (but not read or send on those queues).
 */
export const STREAM_WORKER_ACCESS: Access = all(
  (r, g) => r.tables.orders.grantStreamRead(g),
  ...CHANGE_SUBSCRIBERS.map((subscriber) => CONSUMER_ACCESS[changeQueueOf(subscriber)]),
);

/**
 * A consumer of `queue`: receive and delete, re-send to itself (delays beyond SQS's 900 s hop),
 * and dead-letter (the adapter moves a message's last attempt itself), plus CONSUMER_ACCESS.
 */
export function consumerAccess(queue: string): Access {
  const own = CONSUMER_ACCESS[queue];
  if (!own) throw new Error(`Queue ${queue} has no entry in CONSUMER_ACCESS (infra/lib/compute/access.ts): decide what its consumer may do`);
  return all((r, g) => {
    const { queue: main, deadLetter } = r.messaging.queue(queue);
    main.grantConsumeMessages(g);
    main.grantSendMessages(g);
    deadLetter.grantSendMessages(g);
  }, own);
}

/** Each @WorkflowTask's Lambda, by the `${Task}` name of the ASL files. */
export const TASK_ACCESS: Readonly<Record<string, Access>> = {
  ProcessPayment: orderStore,
  ArrangeShipment: orderStore,
  CompleteOrder: orderStore,
  MarkPaymentFailed: orderStore,
  SendNotification: all((r, g) => r.tables.orders.grantReadData(g), (r, g) => r.messaging.orderNotifications.grantPublish(g)),
  ExtractInvoiceDocument: all((r, g) => r.storage.invoicesRaw.grantRead(g), analyzeExpense),
  MatchInvoiceLines: (r, g) => r.tables.skuLookup.grantReadData(g),
  CalculateInvoiceCommissions: () => undefined,
  PublishProcessedInvoice: all((r, g) => r.storage.invoicesProcessed.grantReadWrite(g), (r, g) => r.storage.dataLake.grantReadWrite(g)),
  FailInvoice: () => undefined,
};

export function taskAccess(task: string): Access {
  const access = TASK_ACCESS[task];
  if (!access) throw new Error(`Workflow task ${task} has no entry in TASK_ACCESS (infra/lib/compute/access.ts): decide what its Lambda may do`);
  return access;
}

/** The long-running worker service runs every consumer, so it holds the union of their grants. */
export function workerServiceAccess(queues: readonly string[]): Access {
  return all(...queues.map(consumerAccess));
}
