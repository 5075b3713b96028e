import { DynamicModule, Module, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import request from 'supertest';
import { createApp } from '../../src/bootstrap/create-app';
import { DevIssuer, MintOptions } from '../../src/common/auth/dev-issuer';
import { startWorkers } from '../../src/bootstrap/start-workers';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  /** A valid id token from the app's own dev issuer. */
  token(options?: Partial<MintOptions>): Promise<string>;
  issuer: DevIssuer;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Run the queue consumers, as main.ts does in the default in-process worker mode. Default true. */
  worker?: boolean;
  /** Test modules booted beside the app's own (e.g. a test consumer and its queue). */
  imports?: (Type | DynamicModule)[];
}

/** Boots the real app (all modules, guards, pipes and filters, queue worker) on a throwaway database. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const appEnv = { ...process.env, SEED_DEMO: 'false', ...database.env, ...env };
  @Module({})
  class TestRootModule {}
  const root = options.imports ? { module: TestRootModule, imports: [AppModule.forRoot(appEnv), ...options.imports] } : undefined;
  const app = await createApp(appEnv, root);
  await app.init();
  if (options.worker ?? true) startWorkers(app);
  const issuer = app.get(DevIssuer);
  return {
    app,
    http: () => request(app.getHttpServer()),
    token: (options = {}) => issuer.mint({ tenantId: 't1', sub: 'u1', groups: ['admin'], ...options }),
    issuer,
    dataDir: database.dataDir,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
