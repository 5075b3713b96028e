import { SNSClient } from '@aws-sdk/client-sns';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { SnsNotifier } from '../notifications/sns-notifier.adapter';

export function createSnsNotifier(aws: AppConfig['aws'], db: DataSource): SnsNotifier {
  if (!aws.orderNotificationsTopicArn) throw new Error('ORDER_NOTIFICATIONS_TOPIC_ARN is required when notifications go to SNS');
  return new SnsNotifier(new SNSClient({ region: aws.region }), aws.orderNotificationsTopicArn, db);
}
