import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CounterMetric, HistogramMetric, METRICS, Metrics } from '../../common/metrics/metrics.port';

type RouteLabels = 'method' | 'route';

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: HistogramMetric<RouteLabels | 'status_code'>;
  private readonly requests: CounterMetric<RouteLabels | 'status_class'>;

  constructor(@Inject(METRICS) metrics: Metrics) {
    this.duration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      unit: 'Seconds',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
    this.requests = metrics.counter({
      name: 'http_requests_total',
      help: 'HTTP responses by method, route template and status class (2xx, 4xx, 5xx): the error rate is 5xx over all',
      labelNames: ['method', 'route', 'status_class'],
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    res.once('finish', () => {
      // The route template, not the raw path, keeps label cardinality bounded.
      const labels = { method: req.method, route: req.route ? `${req.baseUrl}${req.route.path as string}` : 'unmatched' };
      stop({ ...labels, status_code: res.statusCode });
      this.requests.inc({ ...labels, status_class: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  }
}
