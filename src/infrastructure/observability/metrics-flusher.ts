import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { METRICS, Metrics } from '../../common/metrics/metrics.port';

/** CloudWatch's standard resolution: a long-running process writes its EMF aggregates once a minute. */
const FLUSH_INTERVAL_MS = 60_000;

/**
 * Flushes push outputs on an interval (HTTP server, ECS worker) and at shutdown. Lambda
 * handlers also flush after each invocation, since a frozen container runs no timers.
 */
@Injectable()
export class MetricsFlusher implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.metrics.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.metrics.flush();
  }
}
