import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { AppModule } from '../app.module';
import { ChangeSubscriberRegistry } from '../infrastructure/change-feed/change-subscriber.registry';
import { deliverOrderStreamRecords } from '../infrastructure/change-feed/order-stream-delivery';
import { lambdaContext } from './lambda-context';
import type { ContextFactory } from './worker';

const createContext: ContextFactory = () => NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

/**
 * Builds the Lambda on the orders table's DynamoDB stream (NEW_AND_OLD_IMAGES), over an app
 * context created on the first invocation and reused while the container lives. The batch
 * goes to the change subscribers (deliverOrderStreamRecords); the first record that failed is
 * the batch item failure, so Lambda (with ReportBatchItemFailures) retries from there.
 * Products live in Postgres and reach subscribers through the outbox relay, not this stream.
 */
export function createDynamoDbStreamHandler(create: ContextFactory = createContext) {
  const context = lambdaContext(create);

  const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const app = await context.app();
    const failed = await deliverOrderStreamRecords(app.get(ChangeSubscriberRegistry), event.Records);
    return { batchItemFailures: failed ? [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }] : [] };
  };

  return { handler, close: context.close };
}

const { handler, close } = createDynamoDbStreamHandler();
export { handler, close as closeDynamoDbStreamHandler };
