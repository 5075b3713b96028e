import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './common/auth/auth.guard';
import { AuthModule } from './common/auth/auth.module';
import { requestIdOf } from './common/http/request-id';
import { currentTraceId } from './common/tracing/trace-context';
import { PrincipalThrottlerGuard } from './common/throttling/principal-throttler.guard';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ChangeFeedModule } from './infrastructure/change-feed/change-feed.module';
import { HealthModule } from './infrastructure/health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ObservabilityModule } from './infrastructure/observability/observability.module';
import { AnalyticsModule } from './modules/analytics';
import { CommissionsModule } from './modules/commissions';
import { InvoicesModule } from './modules/invoices';
import { MatchingModule } from './modules/matching';
import { OrdersModule } from './modules/orders';
import { SearchModule } from './modules/search';
import { SalesModule } from './modules/sales';
import { WorkflowModule } from './modules/workflow';

@Module({})
export class AppModule {
  /** Validates configuration first, so a bad setting stops the boot with a readable message. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = loadConfig(env);
    return AppModule.withConfig(config);
  }

  static withConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: requestIdOf,
            // Every line, HTTP or not, carries the trace id of the work it belongs to.
            mixin: () => {
              const traceId = currentTraceId();
              return traceId ? { traceId } : {};
            },
            customProps: (req) => {
              const principal = (req as { principal?: { tenantId: string; sub: string } }).principal;
              return principal ? { tenantId: principal.tenantId, sub: principal.sub } : {};
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(config),
        ChangeFeedModule,
        ObservabilityModule,
        HealthModule,
        AuthModule.forRoot(config.auth.devIssuer),
        ThrottlingModule,
        WorkflowModule,
        OrdersModule,
        CommissionsModule,
        InvoicesModule,
        MatchingModule,
        AnalyticsModule,
        SearchModule,
        SalesModule,
      ],
      providers: [
        // Order matters: the throttler keys on the principal the auth guard sets.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PrincipalThrottlerGuard },
      ],
    };
  }
}
