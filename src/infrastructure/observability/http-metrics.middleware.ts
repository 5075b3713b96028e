import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsRegistry) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      // The route template, not the raw path, keeps label cardinality bounded.
      const route = req.route ? `${req.baseUrl}${req.route.path as string}` : 'unmatched';
      stop({ method: req.method, route, status_code: res.statusCode });
    });
    next();
  }
}
