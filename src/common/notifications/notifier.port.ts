/**
 * Sends a notification (an email, or a message to subscribers). Sends with the same
 * idempotency key are one notification: a repeat returns the first notificationId
 * with `duplicate: true` and delivers nothing again.
 */
export const NOTIFIER = Symbol('NOTIFIER');

export interface Notification {
  idempotencyKey: string;
  /** The recipient's email address. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Routing metadata for subscribers, e.g. { orderId }; SNS sends them as message attributes. */
  attributes?: Record<string, string>;
}

export interface NotificationReceipt {
  notificationId: string;
  duplicate: boolean;
}

export interface Notifier {
  /** Throws NotificationDeliveryFailedError when delivery fails; sending the same key again retries it. */
  send(notification: Notification): Promise<NotificationReceipt>;
}

/** Named for a workflow's Retry: the same send may succeed later. */
export class NotificationDeliveryFailedError extends Error {
  override readonly name = 'Notification.DeliveryFailed';
}
