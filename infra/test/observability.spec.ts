import { Match } from 'aws-cdk-lib/assertions';
import { QUEUE_DEFINITIONS } from '../../src/common/queue/queue-definition';
import { API_5XX_PERCENT_THRESHOLD } from '../lib/observability/alarms';
import { synth } from './support/synth';
import { logicalIdOf } from './support/template-queries';

describe.each(['lambda', 'fargate'] as const)('alarms and dashboards (compute=%s)', (compute) => {
  const { template } = synth('dev', compute);
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const named = (prefix: string) => alarms.filter((a) => a.AlarmName.startsWith(`mercantil-dev-${prefix}`));
  const alarmTopic = Object.entries(template.findResources('AWS::SNS::Topic')).find(([, t]) => t.Properties.TopicName === 'mercantil-dev-alarms')![0];

  it('every alarm notifies the encrypted alarm topic', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: alarmTopic }]);
    const key = logicalIdOf(template, 'AWS::KMS::Key', 'StorageKey');
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'mercantil-dev-alarms', KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    // CloudWatch must be able to use the key to publish to the topic.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
  });

  it('every app function alarms on any error', () => {
    const functions = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, f]) => /^mercantil-dev-/.test(f.Properties.FunctionName ?? ''));
    const watched = named('lambda-errors-').map((a) => {
      expect(a).toMatchObject({ MetricName: 'Errors', Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      return a.Dimensions[0].Value.Ref;
    });
    expect(watched.sort()).toEqual(functions.map(([id]) => id).sort());
    if (compute === 'lambda') expect(functions.length).toBe(1 + QUEUE_DEFINITIONS.length + 2 + 10 + 1); // api, queue workers, s3 + stream, 10 tasks, change relay
  });

  it('API 5XX above 5 % of requests', () => {
    const [alarm] = named('api-5xx-rate');
    expect(alarm).toMatchObject({ Threshold: API_5XX_PERCENT_THRESHOLD, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(API_5XX_PERCENT_THRESHOLD).toBe(5);
    const byId = Object.fromEntries(alarm.Metrics.map((m: any) => [m.Id, m]));
    expect(byId.expr_1 ?? alarm.Metrics.find((m: any) => m.Expression)).toMatchObject({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' });
    expect(byId.errors.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
    expect(byId.requests.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' });
  });

  it('DynamoDB throttles on each table', () => {
    const throttles = named('dynamodb-throttles-');
    expect(throttles.map((a) => a.AlarmName).sort()).toEqual(
      ['Orders', 'SalesMetrics', 'SkuLookup'].map((t) => `mercantil-dev-dynamodb-throttles-${t}`),
    );
    for (const alarm of throttles) {
      expect(alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
      expect(alarm.Threshold).toBe(0);
    }
  });

  it('any message in any dead-letter queue', () => {
    const dlqAlarms = named('dlq-depth-');
    expect(dlqAlarms).toHaveLength(QUEUE_DEFINITIONS.length + 1); // + the orders stream's
    for (const alarm of dlqAlarms) {
      expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 0 });
    }
  });

  it('failed or timed-out executions of each workflow', () => {
    const failures = named('workflow-failures-');
    expect(failures.map((a) => a.AlarmName).sort()).toEqual(['mercantil-dev-workflow-failures-invoice-processing', 'mercantil-dev-workflow-failures-order-fulfilment']);
    for (const alarm of failures) {
      expect(alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName).sort()).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
    }
  });

  it('three dashboards: API performance, order processing, system health', () => {
    const names = Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map((d) => d.Properties.DashboardName);
    expect(names.sort()).toEqual(['mercantil-dev-api-performance', 'mercantil-dev-order-processing', 'mercantil-dev-system-health']);
  });

  it('every log group has a retention', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.filter((g) => g.Properties.RetentionInDays !== 7)).toEqual([]);
    template.resourceCountIs('Custom::LogRetention', 0);
  });
});
