import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { METRICS } from '../../common/metrics/metrics.port';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { createMetrics } from './create-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsFlusher } from './metrics-flusher';
import { createPrometheusRegistry, PROMETHEUS_REGISTRY } from './metrics.registry';

/** The METRICS port, whose output METRICS_OUTPUT picks, the /metrics endpoint and HTTP metrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: PROMETHEUS_REGISTRY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.metrics.output === 'emf' ? null : createPrometheusRegistry({ defaultMetrics: config.nodeEnv !== 'test' }),
    },
    {
      provide: METRICS,
      inject: [APP_CONFIG, PROMETHEUS_REGISTRY],
      useFactory: (config: AppConfig, registry: Registry | null) => createMetrics(config.metrics.output, registry),
    },
    MetricsFlusher,
  ],
  exports: [METRICS],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
