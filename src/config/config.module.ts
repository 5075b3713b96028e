import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, registerAs } from '@nestjs/config';
import { AppConfig } from './app-config';

const NAMESPACE = 'app';
/** Injection token of the typed, validated `AppConfig`. */
export const APP_CONFIG = `CONFIGURATION(${NAMESPACE})`;

/** Exposes the config validated by `loadConfig` through @nestjs/config, as one typed object. */
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      imports: [
        NestConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [registerAs(NAMESPACE, () => config)] }),
      ],
    };
  }
}
