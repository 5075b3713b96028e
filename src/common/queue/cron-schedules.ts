import { SALES_REPORTS_QUEUE } from './queue-definition';

/**
 * Recurring jobs: at each fire of `cron` (5 fields, UTC) one message with `body` is sent
 * to `queue`. Embedded, the workers' CronScheduler enqueues each fire once across all
 * worker processes. On AWS the CDK stack turns this same list into EventBridge Scheduler
 * schedules that send to the SQS queues, and no process runs a scheduler.
 */
export interface CronSchedule {
  /** Unique, stable: the scheduler keys its state on it. */
  name: string;
  cron: string;
  queue: string;
  body: unknown;
}

export const CRON_SCHEDULES: readonly CronSchedule[] = [
  // Yesterday's (UTC) sales reports, once the day's last sales have had time to land.
  { name: 'sales-daily-reports', cron: '15 0 * * *', queue: SALES_REPORTS_QUEUE, body: {} },
];
