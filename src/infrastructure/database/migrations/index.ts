import { CreateOrders1700000000000 } from './1700000000000-create-orders';
import { CreateQueue1700000001000 } from './1700000001000-create-queue';
import { CreateWorkflowExecutions1700000002000 } from './1700000002000-create-workflow-executions';
import { OrderFulfilment1700000003000 } from './1700000003000-order-fulfilment';
import { CreateInvoices1700000004000 } from './1700000004000-create-invoices';
import { CreateCatalog1700000005000 } from './1700000005000-create-catalog';
import { CreateCommissions1700000006000 } from './1700000006000-create-commissions';
import { ProductVersions1700000007000 } from './1700000007000-product-versions';
import { CreateLake1700000010000 } from './1700000010000-create-lake';
import { CreateSearch1700000009000 } from './1700000009000-create-search';
import { ChangeFeed1700000008000 } from './1700000008000-change-feed';
import { CreateSales1700000011000 } from './1700000011000-create-sales';
import { CreateAnalyticsReportJobs1700000012000 } from './1700000012000-create-analytics-report-jobs';
import { WorkflowTraceIds1700000015000 } from './1700000015000-workflow-trace-ids';
import { OrdersStreamCheckpoints1700000016000 } from './1700000016000-orders-stream-checkpoints';

/** Every migration, in order. Listed explicitly so compiled, bundled and ts-jest runs agree. */
export const MIGRATIONS = [
  CreateOrders1700000000000,
  CreateQueue1700000001000,
  CreateWorkflowExecutions1700000002000,
  OrderFulfilment1700000003000,
  CreateInvoices1700000004000,
  CreateCatalog1700000005000,
  CreateCommissions1700000006000,
  ProductVersions1700000007000,
  ChangeFeed1700000008000,
  CreateSearch1700000009000,
  CreateLake1700000010000,
  CreateSales1700000011000,
  CreateAnalyticsReportJobs1700000012000,
  WorkflowTraceIds1700000015000,
  OrdersStreamCheckpoints1700000016000,
];
