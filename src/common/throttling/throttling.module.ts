import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { TokenBucketStorage } from './token-bucket.storage';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', limit: config.rateLimit.burst, ttl: 1000 }],
        storage: new TokenBucketStorage(config.rateLimit.perSecond),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class ThrottlingModule {}
