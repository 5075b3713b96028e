import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { CRON_SCHEDULES, CronSchedule } from '../../src/common/queue/cron-schedules';
import { Messaging } from './messaging';
import { EnvSettings } from './settings';

/**
 * A 5-field cron (UTC) as an EventBridge Scheduler expression. EventBridge wants a year field,
 * `?` in one of day-of-month and day-of-week, and numbers its weekdays 1 (Sunday) to 7.
 */
export function toSchedulerCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${cron}" must have 5 fields`);
  let [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  if (dayOfMonth !== '*' && dayOfWeek !== '*') {
    throw new Error(`cron "${cron}": EventBridge cannot fire on a day of the month OR a weekday; split it in two schedules`);
  }
  if (dayOfWeek.includes('/')) throw new Error(`cron "${cron}": weekday steps are not supported by EventBridge`);
  if (dayOfWeek === '*') dayOfWeek = '?';
  else {
    dayOfWeek = dayOfWeek.replace(/\d+/g, (n) => String((Number(n) % 7) + 1));
    dayOfMonth = '?';
  }
  return `cron(${minute} ${hour} ${dayOfMonth} ${month} ${dayOfWeek} *)`;
}

/**
 * EventBridge Scheduler schedules from CRON_SCHEDULES, the list the embedded workers'
 * scheduler runs: each fire sends the schedule's body to its queue, so no process on AWS
 * has to run a scheduler.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, settings: EnvSettings, messaging: Messaging, schedules: readonly CronSchedule[] = CRON_SCHEDULES) {
    super(scope, id);
    if (schedules.length === 0) return;
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    for (const schedule of schedules) {
      const { queue, definition } = messaging.queue(schedule.queue);
      queue.grantSendMessages(role);
      new scheduler.CfnSchedule(this, schedule.name, {
        name: `${settings.prefix}${schedule.name}`,
        scheduleExpression: toSchedulerCron(schedule.cron),
        scheduleExpressionTimezone: 'UTC',
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: queue.queueArn,
          roleArn: role.roleArn,
          input: JSON.stringify(schedule.body),
          ...(definition.ordered ? { sqsParameters: { messageGroupId: schedule.name } } : {}),
        },
      });
    }
  }
}
