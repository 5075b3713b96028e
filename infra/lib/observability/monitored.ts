import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Api } from '../api';
import { AppQueue } from '../messaging';
import { EnvSettings } from '../settings';

/** What the alarms and dashboards watch. */
export interface Monitored {
  settings: EnvSettings;
  key: kms.IKey;
  api: Api;
  functions: readonly lambda.Function[];
  /** The function serving HTTP (compute=lambda) or the ALB in front of the API service (compute=fargate). */
  apiCompute: { kind: 'lambda'; fn: lambda.Function } | { kind: 'fargate'; service: ecs.FargateService; loadBalancer: elbv2.ApplicationLoadBalancer; worker: ecs.FargateService };
  tables: readonly dynamodb.Table[];
  ordersTable: dynamodb.Table;
  queues: ReadonlyMap<string, AppQueue>;
  /** Dead-letter queues outside QUEUE_DEFINITIONS (the orders stream's). */
  extraDeadLetters: readonly sqs.IQueue[];
  stateMachines: ReadonlyMap<string, sfn.StateMachine>;
  streamWorker: lambda.Function;
  database: rds.DatabaseCluster;
  search: opensearch.Domain;
}
