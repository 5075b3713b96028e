import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueOf, QUEUE_DEFINITIONS, QueueDefinition } from '../../src/common/queue/queue-definition';
import { EnvSettings } from './settings';

/** SQS keeps a message at most 14 days; so do the queues, so a stuck consumer has time to be fixed. */
export const RETENTION = Duration.days(14);
/** SQS's longest long poll: fewer empty receives (cheaper) and lower latency than short polling. */
export const RECEIVE_WAIT = Duration.seconds(20);

export interface AppQueue {
  definition: QueueDefinition;
  queue: sqs.Queue;
  deadLetter: sqs.Queue;
}

/** `order-processing` → `mercantil-dev-order-processing`; ordered queues are FIFO and end in `.fifo`. */
export function physicalQueueName(prefix: string, name: string, ordered: boolean | undefined): string {
  return `${prefix}${name}${ordered ? '.fifo' : ''}`;
}

/**
 * One SQS queue and dead-letter queue per QUEUE_DEFINITIONS entry (the same list the
 * embedded queue runs on), with its visibility timeout and its maxAttempts as the redrive
 * policy's maxReceiveCount; and the order-notifications topic. All encrypted with the
 * environment key and TLS-only.
 */
export class Messaging extends Construct {
  readonly queues = new Map<string, AppQueue>();
  readonly orderNotifications: sns.Topic;

  constructor(scope: Construct, id: string, settings: EnvSettings, key: kms.IKey, definitions: readonly QueueDefinition[] = QUEUE_DEFINITIONS) {
    super(scope, id);
    for (const definition of definitions) {
      const common = {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        // Reuse a data key for 5 minutes instead of a KMS call per message.
        dataKeyReuse: Duration.minutes(5),
        enforceSSL: true,
        retentionPeriod: RETENTION,
        ...(definition.ordered ? { fifo: true, contentBasedDeduplication: true } : {}),
      };
      const deadLetter = new sqs.Queue(this, `${definition.name}-dlq`, {
        ...common,
        queueName: physicalQueueName(settings.prefix, deadLetterQueueOf(definition.name), definition.ordered),
      });
      const queue = new sqs.Queue(this, definition.name, {
        ...common,
        queueName: physicalQueueName(settings.prefix, definition.name, definition.ordered),
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        receiveMessageWaitTime: RECEIVE_WAIT,
        deadLetterQueue: { queue: deadLetter, maxReceiveCount: definition.maxAttempts },
        // Ordering is per message group (per key), so groups may be delivered in parallel.
        ...(definition.ordered
          ? { deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP, fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID }
          : {}),
      });
      this.queues.set(definition.name, { definition, queue, deadLetter });
    }
    this.orderNotifications = new sns.Topic(this, 'OrderNotifications', {
      topicName: `${settings.prefix}order-notifications`,
      masterKey: key,
      enforceSSL: true,
    });
  }

  queue(name: string): AppQueue {
    const found = this.queues.get(name);
    if (!found) throw new Error(`No queue ${name} in QUEUE_DEFINITIONS (known: ${[...this.queues.keys()].join(', ')})`);
    return found;
  }
}
