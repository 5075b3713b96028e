import { Controller, Get, Header, Inject, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { Public } from '../../common/auth/public.decorator';
import { NotFoundError } from '../../common/errors/application-errors';
import { PROMETHEUS_REGISTRY } from './metrics.registry';

@ApiExcludeController()
@Public()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(@Inject(PROMETHEUS_REGISTRY) private readonly registry: Registry | null) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    if (!this.registry) throw new NotFoundError('Metrics are written as CloudWatch EMF (METRICS_OUTPUT=emf); set prometheus or both to scrape them here');
    return this.registry.metrics();
  }
}
