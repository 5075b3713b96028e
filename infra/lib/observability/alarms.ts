import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { Monitored } from './monitored';

const FIVE_MINUTES = Duration.minutes(5);
/** The share of API responses that may be 5XX before someone is paged. */
export const API_5XX_PERCENT_THRESHOLD = 5;

/**
 * The alarms of issue 7, all notifying one encrypted SNS topic (subscribe an address with
 * `-c alarmEmail=...`): any Lambda error, API 5XX above 5 %, any DynamoDB throttle, any message
 * in a dead-letter queue, any failed or timed-out workflow execution.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, m: Monitored, alarmEmail?: string) {
    super(scope, id);
    const { prefix } = m.settings;
    this.topic = new sns.Topic(this, 'Topic', { topicName: `${prefix}alarms`, masterKey: m.key, enforceSSL: true });
    // CloudWatch publishes to the encrypted topic, so it must be able to use the key.
    m.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    if (alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));

    const alarm = (name: string, description: string, metric: cloudwatch.IMetric, threshold = 0, periods: { evaluation: number; toAlarm: number } = { evaluation: 1, toAlarm: 1 }) => {
      const created = new cloudwatch.Alarm(this, name, {
        alarmName: `${prefix}${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: periods.evaluation,
        datapointsToAlarm: periods.toAlarm,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(created);
    };

    for (const fn of m.functions) {
      const name = fn.node.id;
      alarm(`lambda-errors-${name}`, `${name} threw or timed out`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }));
    }

    alarm(
      'api-5xx-rate',
      `More than ${API_5XX_PERCENT_THRESHOLD} % of API responses were 5XX in 2 of the last 3 five-minute periods`,
      new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: m.api.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: m.api.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: 'API 5XX %',
        period: FIVE_MINUTES,
      }),
      API_5XX_PERCENT_THRESHOLD,
      { evaluation: 3, toAlarm: 2 },
    );

    for (const table of m.tables) {
      const name = table.node.id;
      alarm(
        `dynamodb-throttles-${name}`,
        `Requests to the ${name} table were throttled`,
        new cloudwatch.MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
            writes: table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          label: `${name} throttled requests`,
          period: FIVE_MINUTES,
        }),
      );
    }

    const deadLetters = [...[...m.queues.values()].map((q) => q.deadLetter), ...m.extraDeadLetters];
    for (const dlq of deadLetters) {
      const name = dlq.node.id;
      alarm(
        `dlq-depth-${name}`,
        `Messages are waiting in the dead-letter queue ${name}`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      );
    }

    for (const [name, machine] of m.stateMachines) {
      alarm(
        `workflow-failures-${name}`,
        `Executions of ${name} failed or timed out`,
        new cloudwatch.MathExpression({
          expression: 'failed + timedOut',
          usingMetrics: {
            failed: machine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
            timedOut: machine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          label: `${name} failed executions`,
          period: FIVE_MINUTES,
        }),
      );
    }
  }
}
