import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { API_ACCESS, CHANGE_RELAY_ACCESS, consumerAccess } from './access';
import { AppFunctions, HANDLERS } from './app-functions';
import { API_ENVIRONMENT, AppResources } from './app-resources';

/** API Gateway gives up on an integration after 30 s. */
const API_TIMEOUT = Duration.seconds(29);
/**
 * AWS's guidance for SQS triggers: a visibility timeout of at least six times the function's,
 * so a batch retried after throttling is not redelivered while still in flight.
 */
const VISIBILITY_PER_FUNCTION_TIMEOUT = 6;

/**
 * compute=lambda: the API as a function behind the HTTP API, one SQS-triggered function per
 * queue (same handler, its own role) reporting partial batch failures, and the change relay
 * each minute. (compute=fargate: the worker service runs the relay loop instead.)
 */
export class LambdaCompute extends Construct {
  readonly apiFunction: lambda.Function;
  readonly integration: HttpLambdaIntegration;
  readonly queueWorkers = new Map<string, lambda.Function>();
  readonly changeRelay: lambda.Function;

  constructor(scope: Construct, id: string, r: AppResources, functions: AppFunctions) {
    super(scope, id);
    this.apiFunction = functions.create({
      name: 'api',
      handler: HANDLERS.api,
      description: 'Mercantil HTTP API (serverless-express)',
      access: API_ACCESS,
      timeout: API_TIMEOUT,
      memorySize: 1536,
      environment: API_ENVIRONMENT,
    });
    this.integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction);

    for (const [name, { definition, queue }] of r.messaging.queues) {
      const worker = functions.create({
        name: `queue-${name}`,
        handler: HANDLERS.sqs,
        description: `Consumer of the ${name} queue`,
        access: consumerAccess(name),
        timeout: Duration.seconds(Math.floor(definition.visibilityTimeoutSeconds / VISIBILITY_PER_FUNCTION_TIMEOUT)),
      });
      worker.addEventSource(
        new sources.SqsEventSource(queue, {
          batchSize: 10,
          reportBatchItemFailures: true,
          // FIFO queues take no batching window; standard ones wait a little to fill a batch.
          maxBatchingWindow: definition.ordered ? undefined : Duration.seconds(1),
        }),
      );
      this.queueWorkers.set(name, worker);
    }

    this.changeRelay = functions.create({
      name: 'change-relay',
      handler: HANDLERS.changeRelay,
      description: 'Sends on the product changes left in the outbox (functions relay their own before returning)',
      access: CHANGE_RELAY_ACCESS,
      timeout: Duration.seconds(60),
    });
    const invoker = new iam.Role(this, 'ChangeRelaySchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    this.changeRelay.grantInvoke(invoker);
    new scheduler.CfnSchedule(this, 'ChangeRelaySchedule', {
      name: `${r.settings.prefix}change-relay`,
      scheduleExpression: 'rate(1 minute)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: { arn: this.changeRelay.functionArn, roleArn: invoker.roleArn, retryPolicy: { maximumRetryAttempts: 0 } },
    });
  }
}
