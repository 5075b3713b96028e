import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { ConfigValidationError } from '../config/app-config';
import { QueueConsumerRegistry } from '../infrastructure/queue/queue-consumer.registry';
import { startWorkers } from '../bootstrap/start-workers';

export type ContextFactory = () => Promise<INestApplicationContext>;

const createWorkerContext: ContextFactory = () =>
  NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

/**
 * The long-running queue worker (`npm run worker`, an ECS service): the whole app without
 * HTTP, running every queue consumer (and, embedded, the cron scheduler) until SIGTERM/SIGINT,
 * then finishing in-flight messages and closing the database before exiting 0.
 */
export async function runWorker(createContext: ContextFactory = createWorkerContext): Promise<INestApplicationContext> {
  const app = await createContext();
  app.useLogger(app.get(PinoLogger));
  await app.init();
  const logger = new Logger('Worker');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing in-flight messages, then closing`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
  startWorkers(app);
  const queues = app.get(QueueConsumerRegistry).queues();
  logger.log(`Worker ready: consuming ${queues.length ? queues.join(', ') : 'no queues (no consumers registered)'}`);
  return app;
}

if (require.main === module) {
  runWorker().catch((error: unknown) => {
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  });
}
