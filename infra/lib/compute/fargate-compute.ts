import { Aws, Duration } from 'aws-cdk-lib';
import { HttpAlbIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_ACCESS, workerServiceAccess } from './access';
import { API_ENVIRONMENT, appEnvironment, AppResources } from './app-resources';

const CONTAINER_PORT = 3000;

/**
 * compute=fargate: the Dockerfile's image as two services, the HTTP server (main.js) behind an
 * internal ALB that the HTTP API reaches through a VPC link, and the queue worker (worker.js),
 * which runs every consumer. The database password reaches the container as an ECS secret and
 * becomes DATABASE_URL in the shell that starts node, so it never sits in the task definition.
 */
export class FargateCompute extends Construct {
  readonly cluster: ecs.Cluster;
  readonly apiService: ecsPatterns.ApplicationLoadBalancedFargateService;
  readonly workerService: ecs.FargateService;
  readonly integration: HttpAlbIntegration;

  constructor(scope: Construct, id: string, r: AppResources, image: ecs.ContainerImage) {
    super(scope, id);
    const { settings } = r;
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: `${settings.prefix}cluster`,
      vpc: r.network.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const environment = { ...appEnvironment(r), AWS_REGION: Aws.REGION };
    const secrets = { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(r.database.secret, 'password') };
    const start = (main: string) => ['sh', '-c', `export DATABASE_URL="${r.database.urlWith('$DATABASE_PASSWORD')}" && exec node ${main}`];
    const logging = (name: string) =>
      ecs.LogDrivers.awsLogs({
        streamPrefix: name,
        logGroup: new logs.LogGroup(this, `${name}-logs`, {
          logGroupName: `/ecs/${settings.prefix}${name}`,
          retention: settings.logRetention,
          removalPolicy: settings.removalPolicy,
        }),
      });
    const common = {
      cluster: this.cluster,
      cpu: settings.fargate.cpu,
      memoryLimitMiB: settings.fargate.memoryMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      securityGroups: [r.network.appSecurityGroup],
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
    };

    this.apiService = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Api', {
      ...common,
      serviceName: `${settings.prefix}api`,
      desiredCount: settings.fargate.apiTasks,
      publicLoadBalancer: false,
      taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      taskImageOptions: {
        image,
        containerName: 'api',
        containerPort: CONTAINER_PORT,
        environment: { ...environment, ...API_ENVIRONMENT, PORT: String(CONTAINER_PORT) },
        secrets,
        command: start('dist/main.js'),
        logDriver: logging('api'),
      },
    });
    this.apiService.targetGroup.configureHealthCheck({ path: '/health/live', healthyHttpCodes: '200' });
    this.apiService.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '30');
    this.apiService.service
      .autoScaleTaskCount({ minCapacity: settings.fargate.apiTasks, maxCapacity: settings.fargate.apiTasks * 4 })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    API_ACCESS(r, this.apiService.taskDefinition.taskRole);
    this.integration = new HttpAlbIntegration('ApiIntegration', this.apiService.listener);

    const workerTask = new ecs.FargateTaskDefinition(this, 'WorkerTask', {
      cpu: common.cpu,
      memoryLimitMiB: common.memoryLimitMiB,
      runtimePlatform: common.runtimePlatform,
    });
    workerTask.addContainer('worker', { image, environment, secrets, command: start('dist/workers/worker.js'), logging: logging('worker') });
    workerServiceAccess([...r.messaging.queues.keys()])(r, workerTask.taskRole);
    this.workerService = new ecs.FargateService(this, 'Worker', {
      ...common,
      serviceName: `${settings.prefix}worker`,
      taskDefinition: workerTask,
      desiredCount: settings.fargate.workerTasks,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    this.workerService
      .autoScaleTaskCount({ minCapacity: settings.fargate.workerTasks, maxCapacity: settings.fargate.workerTasks * 4 })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60, scaleInCooldown: Duration.minutes(5) });
  }
}
