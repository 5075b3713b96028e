import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { QueueConsumer, QueueMessageHandler } from '../../../common/queue/queue-consumer';
import { SALES_REPORTS_QUEUE } from '../../../common/queue/queue-definition';
import type { QueueMessage } from '../../../common/queue/queue.port';
import { BuildDailyReportsCommand } from '../commands/build-daily-reports/build-daily-reports.command';
import { ExpireMetricBucketsCommand } from '../commands/expire-metric-buckets/expire-metric-buckets.command';

export interface SalesReportsMessage {
  /** YYYY-MM-DD; by default the UTC day before the cron fire (or the send, for EventBridge's messages). */
  date?: string;
  tenantId?: string;
}

/** The embedded scheduler's attribute with the fire time (see cron-scheduler.service.ts). */
const CRON_FIRE_TIME = 'cron-fire-time';

/** The daily sales job: yesterday's reports, then the housekeeping of the real-time metrics. */
@Injectable()
@QueueConsumer(SALES_REPORTS_QUEUE)
export class SalesReportsConsumer implements QueueMessageHandler<SalesReportsMessage> {
  private readonly logger = new Logger(SalesReportsConsumer.name);

  constructor(private readonly commands: CommandBus) {}

  async handle(message: QueueMessage<SalesReportsMessage>): Promise<void> {
    const firedAt = message.attributes[CRON_FIRE_TIME] ? new Date(message.attributes[CRON_FIRE_TIME]) : message.sentAt;
    const date = message.body?.date ?? new Date(firedAt.getTime() - 86_400_000).toISOString().slice(0, 10);
    const result = await this.commands.execute(new BuildDailyReportsCommand(date, message.body?.tenantId));
    this.logger.log(result, 'Daily sales reports built');
    const dropped = await this.commands.execute(new ExpireMetricBucketsCommand(firedAt));
    this.logger.log({ dropped }, 'Expired real-time metric buckets');
  }
}
