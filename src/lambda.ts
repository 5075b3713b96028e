import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import serverlessExpress from '@codegenie/serverless-express';
import type { Callback, Context, Handler } from 'aws-lambda';
import { createApp } from './bootstrap/create-app';
import { runInvocation } from './workers/lambda-context';

type ProxyHandler = Handler<unknown, unknown>;

/**
 * API Gateway entrypoint (REST API v1 and HTTP API v2 events). The Nest app is built
 * on the first invocation and cached in the module scope for the container's lifetime.
 */
let cached: Promise<ProxyHandler> | undefined;
let app: INestApplication | undefined;

async function bootstrap(): Promise<ProxyHandler> {
  app = await createApp();
  await app.init();
  return serverlessExpress({ app: app.getHttpAdapter().getInstance() }) as ProxyHandler;
}

/** Closes the cached app (database included); the next invocation boots a new one. */
export async function closeApp(): Promise<void> {
  const current = app;
  cached = undefined;
  app = undefined;
  await current?.close();
}

export const handler = async (event: unknown, context: Context, callback: Callback): Promise<unknown> => {
  cached ??= bootstrap().catch((error: unknown) => {
    cached = undefined; // let the next invocation retry rather than caching a failed boot
    throw error;
  });
  const proxy = await cached;
  return runInvocation(app!, () => proxy(event, context, callback) as Promise<unknown>);
};
