import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap/create-app';
import { DEMO_TENANT, seedDemoTenant } from './bootstrap/seed-demo';
import { AppConfig, ConfigValidationError } from './config/app-config';
import { APP_CONFIG } from './config/config.module';
import { startWorkers } from './bootstrap/start-workers';

const KEEP_ALIVE_TIMEOUT_MS = 65_000;

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = new Logger('Mercantil');
  await app.init();
  if (config.seedDemo) {
    const seeded = await seedDemoTenant(app);
    if (seeded) logger.log(`Seeded ${seeded} demo orders for tenant "${DEMO_TENANT}"`);
  }
  await app.listen(config.http.port, config.http.host);
  // Idle keep-alive connections outlive the load balancer's (ALB: 60 s), so the server never closes
  // one that a client is about to reuse: that race surfaces as 502s behind an ALB, ECONNRESET elsewhere.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  // WORKER_MODE=separate leaves the consumers to `npm run worker` processes.
  if (config.worker.mode === 'in-process') startWorkers(app);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing in-flight requests and messages, then closing`);
      // app.close stops the listener, waits for open requests, drains the queue worker and closes the database last.
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
  const base = `http://localhost:${config.http.port}`;
  logger.log(`Mercantil (${config.profile} profile) listening on ${base}`);
  logger.log(`API docs: ${base}/docs`);
  if (config.auth.devIssuer) {
    logger.log(`Get a token: npm run token -- --tenant ${DEMO_TENANT} --sub u1 --groups admin`);
  }
}

main().catch((error: unknown) => {
  // Config errors are the user's to fix: print them plainly, without a stack trace.
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
});
