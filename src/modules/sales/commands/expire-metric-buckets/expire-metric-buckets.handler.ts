import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SALES_METRICS_STORE, SalesMetricsStore } from '../../domain/sales-metrics-store.port';
import { ExpireMetricBucketsCommand } from './expire-metric-buckets.command';

@CommandHandler(ExpireMetricBucketsCommand)
export class ExpireMetricBucketsHandler implements ICommandHandler<ExpireMetricBucketsCommand, number> {
  constructor(@Inject(SALES_METRICS_STORE) private readonly store: SalesMetricsStore) {}

  execute(command: ExpireMetricBucketsCommand): Promise<number> {
    return this.store.expire(command.now);
  }
}
