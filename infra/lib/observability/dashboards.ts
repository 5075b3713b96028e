import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ORDER_PROCESSING_QUEUE } from '../../../src/common/queue/queue-definition';
import { ORDER_FULFILMENT_WORKFLOW } from '../../../src/modules/orders/workflows/order-processing.message';
import { Monitored } from './monitored';

const PERIOD = Duration.minutes(1);
const graph = (title: string, left: cloudwatch.IMetric[], width = 12) => new cloudwatch.GraphWidget({ title, left, width, height: 6 });

/** The three dashboards of issue 7: API performance, order processing, system health. */
export class Dashboards extends Construct {
  readonly dashboards: cloudwatch.Dashboard[];

  constructor(scope: Construct, id: string, m: Monitored) {
    super(scope, id);
    const { prefix } = m.settings;
    const api = m.api.httpApi;
    const latency = (p: string) => api.metricLatency({ statistic: p, period: PERIOD, label: `latency ${p}` });

    const compute = m.apiCompute.kind === 'lambda' ? lambdaWidgets(m.apiCompute.fn) : fargateWidgets(m.apiCompute);

    const apiPerformance = new cloudwatch.Dashboard(this, 'ApiPerformance', { dashboardName: `${prefix}api-performance` });
    apiPerformance.addWidgets(
      graph('Requests', [api.metricCount({ period: PERIOD, statistic: 'Sum' })]),
      graph('Latency (API Gateway)', ['p50', 'p90', 'p99'].map(latency)),
      graph('4XX / 5XX', [api.metricClientError({ period: PERIOD }), api.metricServerError({ period: PERIOD })]),
      graph('Integration latency p99', [api.metricIntegrationLatency({ statistic: 'p99', period: PERIOD })]),
      ...compute,
    );

    const orders = m.queues.get(ORDER_PROCESSING_QUEUE);
    const fulfilment = m.stateMachines.get(ORDER_FULFILMENT_WORKFLOW);
    const orderProcessing = new cloudwatch.Dashboard(this, 'OrderProcessing', { dashboardName: `${prefix}order-processing` });
    orderProcessing.addWidgets(
      ...(orders
        ? [
            graph('order-processing queue', [
              orders.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
              orders.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD }),
              orders.deadLetter.metricApproximateNumberOfMessagesVisible({ period: PERIOD, label: 'dead-lettered' }),
            ]),
          ]
        : []),
      ...(fulfilment
        ? [
            graph('Fulfilment executions', [
              fulfilment.metricStarted({ period: PERIOD }),
              fulfilment.metricSucceeded({ period: PERIOD }),
              fulfilment.metricFailed({ period: PERIOD }),
              fulfilment.metricTimedOut({ period: PERIOD }),
            ]),
            graph('Fulfilment duration', [fulfilment.metricTime({ statistic: 'p90', period: PERIOD })]),
          ]
        : []),
      graph('Orders table capacity', [
        m.ordersTable.metricConsumedReadCapacityUnits({ period: PERIOD }),
        m.ordersTable.metricConsumedWriteCapacityUnits({ period: PERIOD }),
      ]),
      graph('Change feed lag (orders stream iterator age)', [m.streamWorker.metric('IteratorAge', { statistic: 'Maximum', period: PERIOD })]),
    );

    const systemHealth = new cloudwatch.Dashboard(this, 'SystemHealth', { dashboardName: `${prefix}system-health` });
    systemHealth.addWidgets(
      graph('Lambda errors', m.functions.map((fn) => fn.metricErrors({ period: PERIOD, label: fn.node.id })), 24),
      graph('Lambda throttles', m.functions.map((fn) => fn.metricThrottles({ period: PERIOD, label: fn.node.id }))),
      graph(
        'DynamoDB throttled requests',
        m.tables.flatMap((t) => ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) => t.metric(name, { period: PERIOD, statistic: 'Sum', label: `${t.node.id} ${name}` }))),
      ),
      graph('Dead-letter queues', [
        ...[...m.queues.values()].map((q) => q.deadLetter.metricApproximateNumberOfMessagesVisible({ period: PERIOD, label: q.definition.name })),
        ...m.extraDeadLetters.map((q) => q.metricApproximateNumberOfMessagesVisible({ period: PERIOD, label: q.node.id })),
      ]),
      graph('Workflow failures', [...m.stateMachines].map(([name, sm]) => sm.metricFailed({ period: PERIOD, label: name }))),
      graph('Aurora', [
        m.database.metricServerlessDatabaseCapacity({ period: PERIOD }),
        m.database.metricCPUUtilization({ period: PERIOD }),
        m.database.metricDatabaseConnections({ period: PERIOD }),
      ]),
      graph('OpenSearch', [
        m.search.metricClusterStatusRed({ period: PERIOD }),
        m.search.metricClusterStatusYellow({ period: PERIOD }),
        m.search.metricFreeStorageSpace({ period: PERIOD }),
        m.search.metricCPUUtilization({ period: PERIOD }),
      ]),
    );
    this.dashboards = [apiPerformance, orderProcessing, systemHealth];
  }
}

function lambdaWidgets(fn: lambda.Function): cloudwatch.IWidget[] {
  return [
    graph('API function duration', ['p50', 'p90', 'p99'].map((p) => fn.metricDuration({ statistic: p, period: PERIOD }))),
    graph('API function concurrency and throttles', [
      fn.metric('ConcurrentExecutions', { statistic: 'Maximum', period: PERIOD }),
      fn.metricThrottles({ period: PERIOD }),
    ]),
  ];
}

function fargateWidgets(c: Extract<Monitored['apiCompute'], { kind: 'fargate' }>): cloudwatch.IWidget[] {
  return [
    graph('ALB target response time', ['p50', 'p90', 'p99'].map((p) => c.loadBalancer.metrics.targetResponseTime({ statistic: p, period: PERIOD }))),
    graph('API and worker services CPU / memory', [
      c.service.metricCpuUtilization({ period: PERIOD }),
      c.service.metricMemoryUtilization({ period: PERIOD }),
      c.worker.metricCpuUtilization({ period: PERIOD }),
      c.worker.metricMemoryUtilization({ period: PERIOD }),
    ]),
  ];
}
