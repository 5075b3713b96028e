import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { TOKEN_VERIFIER } from './auth.guard';
import { DevIssuer } from './dev-issuer';
import { JwksController } from './jwks.controller';
import { TokenVerifier } from './token-verifier';

/**
 * Token verification for the global AuthGuard (bound in AppModule). Without AUTH_ISSUER (or with
 * AUTH_ISSUER naming the dev issuer) the app runs its own dev issuer; else tokens are checked against the pool's JWKS.
 */
@Module({})
export class AuthModule {
  static forRoot(devIssuer: boolean): DynamicModule {
    const verifier: Provider = devIssuer
      ? {
          provide: TOKEN_VERIFIER,
          inject: [DevIssuer, APP_CONFIG],
          useFactory: (issuer: DevIssuer, config: AppConfig) => TokenVerifier.local(issuer.jwks(), config.auth),
        }
      : {
          provide: TOKEN_VERIFIER,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => TokenVerifier.remote(config.auth.jwksUrl as string, config.auth),
        };
    const devProviders: Provider[] = devIssuer
      ? [
          {
            provide: DevIssuer,
            inject: [APP_CONFIG],
            useFactory: (config: AppConfig) => DevIssuer.open(config.dataDir, config.auth.issuer, config.auth.audience),
          },
        ]
      : [];
    return {
      module: AuthModule,
      controllers: devIssuer ? [JwksController] : [],
      providers: [...devProviders, verifier],
      exports: [TOKEN_VERIFIER, ...devProviders],
    };
  }
}
