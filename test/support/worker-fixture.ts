import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runWorker } from '../../src/workers/worker';
import { appWithTestQueue } from './queue-test-module';

// worker.ts's runWorker, with the test-only queue and consumer added to the app.
runWorker(() => NestFactory.createApplicationContext(appWithTestQueue(process.env), { bufferLogs: true })).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
