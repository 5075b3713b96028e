import { MessageAttributeValue, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DataSource } from 'typeorm';
import {
  Notification,
  NotificationDeliveryFailedError,
  NotificationReceipt,
  Notifier,
} from '../../common/notifications/notifier.port';
import { NotificationLedger } from './notification-ledger';

/** SNS subjects are ASCII, single-line and at most 100 characters. */
const SUBJECT_MAX = 100;

/**
 * Publishes each notification to an SNS topic, where subscribers (an email Lambda, SES,
 * a queue) take over. SNS itself does not dedupe on a standard topic, so the ledger does.
 */
export class SnsNotifier implements Notifier {
  private readonly ledger: NotificationLedger;

  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    db: DataSource,
  ) {
    this.ledger = new NotificationLedger(db, 'sns');
  }

  async send(n: Notification): Promise<NotificationReceipt> {
    const { notificationId, duplicate, deliver } = await this.ledger.claim(n);
    if (!deliver) return { notificationId, duplicate };
    const attributes: Record<string, string> = { ...n.attributes, customerEmail: n.to, notificationId };
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: snsSubject(n.subject),
          Message: n.text,
          MessageAttributes: Object.fromEntries(
            Object.entries(attributes).map(([key, value]): [string, MessageAttributeValue] => [key, { DataType: 'String', StringValue: value }]),
          ),
        }),
      ));
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.ledger.fail(notificationId, reason);
      throw new NotificationDeliveryFailedError(`SNS publish of notification ${notificationId} failed: ${reason}`);
    }
    await this.ledger.settle(notificationId, 'sent', messageId ?? '');
    return { notificationId, duplicate };
  }
}

/** Accents are dropped rather than the whole subject refused: "Pérez" becomes "Perez". */
export function snsSubject(subject: string): string | undefined {
  const ascii = subject.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]+/g, ' ').trim();
  return ascii.slice(0, SUBJECT_MAX).trim() || undefined;
}
