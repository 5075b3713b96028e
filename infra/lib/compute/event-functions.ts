import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AslFile } from '../asl-files';
import { RETENTION } from '../messaging';
import { S3_WORKER_ACCESS, STREAM_WORKER_ACCESS, taskAccess } from './access';
import { AppFunctions, HANDLERS } from './app-functions';
import { AppResources } from './app-resources';

/** Step Functions' default when a Task state sets no TimeoutSeconds is a year; a Lambda stops at 15 minutes. */
const DEFAULT_TASK_TIMEOUT_SECONDS = 60;
const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/**
 * The functions that exist in both compute modes, because only a Lambda can be what invokes
 * them: an S3 notification, a DynamoDB stream, a Step Functions Task state.
 */
export class EventFunctions extends Construct {
  readonly s3Worker: lambda.Function;
  readonly streamWorker: lambda.Function;
  /** Batches the stream worker gave up on (after retries), as failure records to inspect and replay. */
  readonly streamDeadLetter: sqs.Queue;
  readonly tasks = new Map<string, lambda.Function>();

  constructor(scope: Construct, id: string, r: AppResources, functions: AppFunctions, workflows: readonly AslFile[]) {
    super(scope, id);
    this.s3Worker = functions.create({
      name: 's3-worker',
      handler: HANDLERS.s3,
      description: 'Ingests invoices dropped in the raw bucket (ObjectCreated under tenant=<id>/)',
      access: S3_WORKER_ACCESS,
      timeout: Duration.seconds(60),
    });
    this.s3Worker.addEventSource(
      new sources.S3EventSource(r.storage.invoicesRaw, { events: [s3.EventType.OBJECT_CREATED], filters: [{ prefix: 'tenant=' }] }),
    );

    this.streamDeadLetter = new sqs.Queue(this, 'OrdersStreamDeadLetter', {
      queueName: `${r.settings.prefix}orders-stream-dlq`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: r.key,
      enforceSSL: true,
      retentionPeriod: RETENTION,
    });
    this.streamWorker = functions.create({
      name: 'stream-worker',
      handler: HANDLERS.stream,
      description: 'Turns the orders table stream into change events for search and the lake',
      access: STREAM_WORKER_ACCESS,
      timeout: Duration.seconds(60),
    });
    this.streamWorker.addEventSource(
      new sources.DynamoEventSource(r.tables.orders, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        // A failed record holds back the rest of its shard (ordering per key), so only it and what follows are retried.
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        onFailure: new sources.SqsDlq(this.streamDeadLetter),
      }),
    );

    for (const task of [...new Set(workflows.flatMap((w) => w.tasks))].sort()) {
      const seconds = Math.max(...workflows.map((w) => w.taskTimeouts[task] ?? 0)) || DEFAULT_TASK_TIMEOUT_SECONDS;
      this.tasks.set(
        task,
        functions.create({
          name: `task-${task}`,
          handler: HANDLERS.workflowTask,
          description: `Step Functions task \${${task}}`,
          access: taskAccess(task),
          timeout: Duration.seconds(Math.min(seconds, LAMBDA_MAX_TIMEOUT_SECONDS)),
          environment: { WORKFLOW_TASK: task },
        }),
      );
    }
  }
}
