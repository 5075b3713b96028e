import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CRON_SCHEDULES } from '../../src/common/queue/cron-schedules';
import { deadLetterQueueOf, QUEUE_DEFINITIONS, SALES_REPORTS_QUEUE } from '../../src/common/queue/queue-definition';
import { Messaging, physicalQueueName } from '../lib/messaging';
import { Schedules, toSchedulerCron } from '../lib/schedules';
import { envSettings } from '../lib/settings';
import { synth } from './support/synth';
import { logicalIdOf } from './support/template-queries';

const { template } = synth('dev', 'lambda');
const keyArn = { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::KMS::Key', 'StorageKey'), 'Arn'] };
const FOURTEEN_DAYS = 14 * 24 * 3600;

function queueId(queueName: string): string {
  const found = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([, q]) => q.Properties.QueueName === queueName);
  expect(found).toHaveLength(1);
  return found[0][0];
}

describe('SQS queues from QUEUE_DEFINITIONS', () => {
  it('order-processing: visibility 300 s, retention 14 days, long polling 20 s, dead-lettered after maxAttempts', () => {
    const orderProcessing = QUEUE_DEFINITIONS.find((d) => d.name === 'order-processing')!;
    expect(orderProcessing.visibilityTimeoutSeconds).toBe(300);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'mercantil-dev-order-processing',
      VisibilityTimeout: 300,
      MessageRetentionPeriod: FOURTEEN_DAYS,
      ReceiveMessageWaitTimeSeconds: 20,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueId('mercantil-dev-order-processing-dlq'), 'Arn'] }, maxReceiveCount: orderProcessing.maxAttempts },
    });
  });

  it.each(QUEUE_DEFINITIONS.map((d) => [d.name, d] as const))('%s has its definition’s policy, KMS encryption and a DLQ', (_, definition) => {
    const name = physicalQueueName('mercantil-dev-', definition.name, definition.ordered);
    const dlqName = physicalQueueName('mercantil-dev-', deadLetterQueueOf(definition.name), definition.ordered);
    const queue = template.toJSON().Resources[queueId(name)].Properties;
    expect(queue).toMatchObject({
      VisibilityTimeout: definition.visibilityTimeoutSeconds,
      MessageRetentionPeriod: FOURTEEN_DAYS,
      ReceiveMessageWaitTimeSeconds: 20,
      KmsMasterKeyId: keyArn,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueId(dlqName), 'Arn'] }, maxReceiveCount: definition.maxAttempts },
    });
    expect(queue.FifoQueue ?? false).toBe(definition.ordered ?? false);
    expect(template.toJSON().Resources[queueId(dlqName)].Properties).toMatchObject({ KmsMasterKeyId: keyArn, MessageRetentionPeriod: FOURTEEN_DAYS });
  });

  it('ordered queues are FIFO and named .fifo, with their DLQs', () => {
    const ordered = QUEUE_DEFINITIONS.filter((d) => d.ordered);
    expect(ordered.length).toBeGreaterThan(0);
    for (const d of ordered) {
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `mercantil-dev-${d.name}.fifo`, FifoQueue: true, ContentBasedDeduplication: true });
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `mercantil-dev-${d.name}-dlq.fifo`, FifoQueue: true });
    }
  });

  it('every queue refuses requests without TLS', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    const secured = new Set(
      policies
        .filter((p) => p.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'))
        .flatMap((p) => p.Properties.Queues.map((q: { Ref: string }) => q.Ref)),
    );
    expect(queues.filter((q) => !secured.has(q))).toEqual([]);
  });
});

describe('SNS', () => {
  it('order-notifications is encrypted with the environment key', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'mercantil-dev-order-notifications', KmsMasterKeyId: keyArn });
  });
});

describe('cron schedules', () => {
  it('become EventBridge expressions: a year field, ? for the unused day, weekdays numbered from Sunday = 1', () => {
    expect(toSchedulerCron('15 2 * * *')).toBe('cron(15 2 * * ? *)');
    expect(toSchedulerCron('0 6 * * 1-5')).toBe('cron(0 6 ? * 2-6 *)');
    expect(toSchedulerCron('0 0 * * 0')).toBe('cron(0 0 ? * 1 *)');
    expect(toSchedulerCron('30 1 1 * *')).toBe('cron(30 1 1 * ? *)');
    expect(() => toSchedulerCron('0 0 1 * 1')).toThrow(/day of the month OR a weekday/);
    expect(() => toSchedulerCron('0 0 *')).toThrow(/5 fields/);
  });

  it('the stack schedules the daily sales reports: 00:15 UTC every day, to the sales-reports queue', () => {
    expect(CRON_SCHEDULES.map((c) => [c.name, c.queue])).toContainEqual(['sales-daily-reports', SALES_REPORTS_QUEUE]);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((r) => r.Properties);
    // Plus the change relay's, which invokes a function (compute=lambda; see compute.spec.ts).
    expect(schedules.map((p) => p.Name).sort()).toEqual([...CRON_SCHEDULES.map((c) => `mercantil-dev-${c.name}`), 'mercantil-dev-change-relay'].sort());
    const salesQueue = queueId('mercantil-dev-sales-reports');
    expect(schedules.find((p) => p.Name === 'mercantil-dev-sales-daily-reports')).toMatchObject({
      ScheduleExpression: 'cron(15 0 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [salesQueue, 'Arn'] }, Input: '{}' },
    });
    const role = schedules.find((p) => p.Name === 'mercantil-dev-sales-daily-reports')!.Target.RoleArn['Fn::GetAtt'][0];
    const sends = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st) => [st.Action].flat().includes('sqs:SendMessage'));
    expect(sends.map((st) => st.Resource)).toEqual([{ 'Fn::GetAtt': [salesQueue, 'Arn'] }]);
  });

  it('each schedule sends its body to its queue, with a role that may send only there', () => {
    const stack = new Stack(new App(), 'Schedules');
    const settings = envSettings('dev');
    const key = new kms.Key(stack, 'Key');
    const messaging = new Messaging(stack, 'Messaging', settings, key);
    new Schedules(stack, 'Schedules', settings, messaging, [
      { name: 'daily-sales-reports', cron: '15 2 * * *', queue: 'order-processing', body: { kind: 'daily' } },
    ]);
    const t = Template.fromStack(stack);
    const queue = Object.entries(t.findResources('AWS::SQS::Queue')).find(([, q]) => q.Properties.QueueName === 'mercantil-dev-order-processing')![0];
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'mercantil-dev-daily-sales-reports',
      ScheduleExpression: 'cron(15 2 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      Target: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] }, Input: '{"kind":"daily"}' },
    });
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const sqsStatements = statements.filter((st) => [st.Action].flat().some((a: string) => a.startsWith('sqs:')));
    expect(sqsStatements).toEqual([expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: { 'Fn::GetAtt': [queue, 'Arn'] } })]);
  });
});
