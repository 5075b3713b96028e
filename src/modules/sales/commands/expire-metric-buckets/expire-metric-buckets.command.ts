import { Command } from '@nestjs/cqrs';

/** Drops the real-time metric buckets no window reads any more (see SalesMetricsStore.expire); resolves how many. */
export class ExpireMetricBucketsCommand extends Command<number> {
  constructor(readonly now: Date) {
    super();
  }
}
