import { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDefinition } from '../../common/queue/queue-definition';
import type { AppConfig } from '../../config/app-config';
import { SqsQueueAdapter } from './sqs-queue.adapter';

export function createSqsQueueAdapter(aws: AppConfig['aws'], definitions: readonly QueueDefinition[]): SqsQueueAdapter {
  if (!aws.sqsQueueUrlPrefix) throw new Error('SQS_QUEUE_URL_PREFIX is required when the queue is SQS');
  const client = new SQSClient({ region: aws.region, endpoint: aws.sqsEndpoint });
  return new SqsQueueAdapter(client, { queueUrlPrefix: aws.sqsQueueUrlPrefix, definitions });
}
