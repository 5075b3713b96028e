import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Access } from './access';
import { AppBuild } from './app-build';
import { appEnvironment, AppResources } from './app-resources';

export const HANDLERS = {
  api: 'dist/lambda.handler',
  sqs: 'dist/workers/sqs.handler.handler',
  s3: 'dist/workers/s3.handler.handler',
  stream: 'dist/workers/dynamodb-stream.handler.handler',
  workflowTask: 'dist/workers/workflow-task.handler.handler',
  changeRelay: 'dist/workers/change-relay.handler.handler',
} as const;

export interface FunctionSpec {
  /** Construct id and physical name after the environment prefix. */
  name: string;
  handler: string;
  description: string;
  access: Access;
  timeout: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
}

/**
 * Builds the app's functions alike: the shared dist/ asset (handler checked to exist), Node 22
 * on arm64 (the package is pure JavaScript), in the app subnets and security group, the app
 * environment encrypted with the environment key, a log group with the environment's
 * retention, and its own role holding only what its Access grants.
 */
export class AppFunctions extends Construct {
  /** Every function made here, for alarms and dashboards. */
  readonly all: lambda.Function[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly resources: AppResources,
    private readonly build: AppBuild,
  ) {
    super(scope, id);
  }

  create(spec: FunctionSpec): lambda.Function {
    const r = this.resources;
    const functionName = `${r.settings.prefix}${spec.name}`;
    const logGroup = new logs.LogGroup(this, `${spec.name}-logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: r.settings.logRetention,
      removalPolicy: r.settings.removalPolicy,
    });
    const fn = new lambda.Function(this, spec.name, {
      functionName,
      description: spec.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: this.build.codeFor(spec.handler),
      handler: spec.handler,
      timeout: spec.timeout,
      memorySize: spec.memorySize ?? 1024,
      vpc: r.network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [r.network.appSecurityGroup],
      environment: {
        ...appEnvironment(r),
        DATABASE_URL: r.database.lambdaUrl(),
        // The only writable path in a Lambda sandbox.
        DATA_DIR: '/tmp/mercantil',
        ...spec.environment,
      },
      environmentEncryption: r.key,
      logGroup,
    });
    spec.access(r, fn);
    this.all.push(fn);
    return fn;
  }
}
