import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { AppModule } from '../app.module';
import { ApplicationError } from '../common/errors/application-errors';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { InvalidObjectKeyError } from '../infrastructure/storage/object-key';
import { IngestInvoiceCommand, tenantOfRawKey } from '../modules/invoices';
import { lambdaContext, runInvocation } from './lambda-context';
import type { ContextFactory } from './worker';

const createContext: ContextFactory = () => NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

/** S3 event keys are form-encoded: `+` is a space and the rest is percent-encoded. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * Builds the Lambda for S3 ObjectCreated events on the raw invoice bucket, over an app
 * context created on the first invocation and reused while the container lives. Each
 * object goes through the same IngestInvoiceCommand as an HTTP upload, with the object
 * itself as the document. Objects that can never become invoices (no tenant prefix,
 * wrong type, empty, too large, gone) are logged and skipped: retrying cannot fix them.
 * Anything else (database, S3, queue) throws, so Lambda retries the event.
 */
export function createS3Handler(create: ContextFactory = createContext) {
  const context = lambdaContext(create);
  const logger = new Logger('S3Handler');

  const ingest = async (app: INestApplicationContext, record: S3EventRecord): Promise<void> => {
    const bucket = record.s3.bucket.name;
    let key: string;
    try {
      key = decodeS3Key(record.s3.object.key);
    } catch {
      logger.error({ bucket, key: record.s3.object.key }, 'S3 event key is not valid URL encoding; skipped');
      return;
    }
    const fields = { bucket, key, eventName: record.eventName };
    const rawBucket = app.get<AppConfig>(APP_CONFIG).storage.buckets.invoicesRaw;
    if (!record.eventName.startsWith('ObjectCreated:')) return;
    if (bucket !== rawBucket) {
      logger.error({ ...fields, rawBucket }, 'S3 event from a bucket other than the raw invoice bucket; skipped');
      return;
    }
    const tenantId = tenantOfRawKey(key);
    if (!tenantId) {
      logger.error(fields, 'Raw invoice object is not under a tenant=<tenant>/ prefix; skipped');
      return;
    }
    try {
      const { invoice, created } = await app.get(CommandBus).execute(new IngestInvoiceCommand(tenantId, { kind: 'stored', bucket, key }));
      logger.log({ ...fields, tenantId, invoiceId: invoice.invoiceId, created }, created ? 'Invoice received from S3' : 'Object is a known invoice');
    } catch (error) {
      if (!(error instanceof ApplicationError || error instanceof InvalidObjectKeyError)) throw error;
      logger.error({ ...fields, tenantId, reason: error.message }, 'Raw invoice object refused; skipped');
    }
  };

  const handler = async (event: S3Event): Promise<void> => {
    const app = await context.app();
    // One at a time: a retry re-runs the whole event, and ingestion is idempotent per object.
    await runInvocation(app, async () => {
      for (const record of event.Records) await ingest(app, record);
    });
  };


  return { handler, close: context.close };
}

const { handler, close } = createS3Handler();
export { handler, close as closeS3Handler };
