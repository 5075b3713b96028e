import { QUEUE_DEFINITIONS } from '../../src/common/queue/queue-definition';
import { synth } from './support/synth';
import { allows, allowsOnArn, logicalIdOf, statementsOfRole, writablePrefixes } from './support/template-queries';

const { template } = synth('dev', 'fargate');
const id = (type: string, prefix: string) => logicalIdOf(template, type, prefix);

function containerOf(prefix: string) {
  const task = template.toJSON().Resources[id('AWS::ECS::TaskDefinition', prefix)];
  return { task, container: task.Properties.ContainerDefinitions[0], roleId: task.Properties.TaskRoleArn['Fn::GetAtt'][0] };
}

describe('compute=fargate', () => {
  it('runs the API service (main.js) behind an internal ALB and the worker service (worker.js)', () => {
    template.resourceCountIs('AWS::ECS::Service', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal', Type: 'application' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/health/live', Port: 80 });
    const command = (prefix: string) => JSON.stringify(containerOf(prefix).container.Command);
    expect(command('FargateApiTaskDef')).toMatch(/exec node dist\/main\.js"\]/);
    expect(command('FargateWorkerTask')).toMatch(/exec node dist\/workers\/worker\.js"\]/);
  });

  it('has no API or queue-worker Lambdas; S3, stream and workflow task functions stay Lambdas', () => {
    const names = Object.values(template.findResources('AWS::Lambda::Function')).map((f) => f.Properties.FunctionName).filter(Boolean);
    expect(names).not.toContain('mercantil-dev-api');
    expect(names.filter((n) => /queue-/.test(n))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['mercantil-dev-s3-worker', 'mercantil-dev-stream-worker', 'mercantil-dev-task-ProcessPayment']));
  });

  it('the HTTP API reaches the ALB through a VPC link, still behind the JWT authorizer', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ConnectionType: 'VPC_LINK', IntegrationType: 'HTTP_PROXY' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}', AuthorizationType: 'JWT' });
  });

  it('the database password is an ECS secret, never a plain environment value', () => {
    for (const prefix of ['FargateApiTaskDef', 'FargateWorkerTask']) {
      const { container } = containerOf(prefix);
      expect(container.Environment.map((e: { Name: string }) => e.Name)).not.toContain('DATABASE_URL');
      expect(container.Secrets).toEqual([{ Name: 'DATABASE_PASSWORD', ValueFrom: expect.anything() }]);
      expect(JSON.stringify(container.Command)).toContain('$DATABASE_PASSWORD@');
      expect(container.Environment).toEqual(expect.arrayContaining([{ Name: 'MERCANTIL_PROFILE', Value: 'aws' }, { Name: 'WORKER_MODE', Value: 'separate' }]));
      expect(container.Environment).toEqual(
        expect.arrayContaining([
          { Name: 'GLUE_DATABASE', Value: 'mercantil_dev_lake' },
          { Name: 'ATHENA_WORKGROUP', Value: 'mercantil-dev-analytics' },
          { Name: 'SALES_METRICS_TABLE', Value: { Ref: id('AWS::DynamoDB::Table', 'TablesSalesMetrics') } },
        ]),
      );
    }
    // Only the API answers within API Gateway's 30 s; the worker keeps the default query timeout for queued reports.
    const timeoutOf = (prefix: string) => containerOf(prefix).container.Environment.find((e: { Name: string }) => e.Name === 'ATHENA_QUERY_TIMEOUT_SECONDS')?.Value;
    expect(Number(timeoutOf('FargateApiTaskDef'))).toBeLessThan(30);
    expect(timeoutOf('FargateWorkerTask')).toBeUndefined();
  });

  it('the API task may write orders and query the lake through Athena, never write it; the worker consumes every queue', () => {
    const api = statementsOfRole(template, containerOf('FargateApiTaskDef').roleId);
    const lake = id('AWS::S3::Bucket', 'StorageDataLake');
    expect(allows(api, 'dynamodb:PutItem', id('AWS::DynamoDB::Table', 'TablesOrders'))).toBe(true);
    expect(allowsOnArn(api, 'athena:StartQueryExecution', ':workgroup/mercantil-dev-analytics')).toBe(true);
    expect(allows(api, 's3:GetObject', lake)).toBe(true);
    expect(writablePrefixes(api, lake)).toEqual([]);
    expect(allows(api, 's3:DeleteObject', lake)).toBe(false);

    const worker = statementsOfRole(template, containerOf('FargateWorkerTask').roleId);
    const queues = template.findResources('AWS::SQS::Queue');
    for (const d of QUEUE_DEFINITIONS) {
      const [queueId] = Object.entries(queues).find(([, q]) => q.Properties.QueueName.replace(/\.fifo$/, '') === `mercantil-dev-${d.name}`)!;
      expect([d.name, allows(worker, 'sqs:ReceiveMessage', queueId)]).toEqual([d.name, true]);
    }
  });

  it('containers log to a log group with the environment’s retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/ecs/mercantil-dev-api', RetentionInDays: 7 });
    expect(containerOf('FargateWorkerTask').container.LogConfiguration).toMatchObject({ LogDriver: 'awslogs', Options: expect.objectContaining({ 'awslogs-stream-prefix': 'worker' }) });
  });
});
