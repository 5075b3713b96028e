import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { configureApp } from './configure-app';

/** `root` replaces the app module, e.g. with one that also imports a test's modules. */
export async function createApp(
  env: Record<string, string | undefined> = process.env,
  root: DynamicModule = AppModule.forRoot(env),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  return app;
}
