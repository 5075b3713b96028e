import { NestFactory } from '@nestjs/core';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { INVOICE_PROCESSING_QUEUE } from '../src/common/queue/queue-definition';
import { Queue, QUEUE } from '../src/common/queue/queue.port';
import { OBJECT_STORAGE, ObjectStorage } from '../src/common/storage/object-storage.port';
import { createS3Handler } from '../src/workers/s3.handler';
import { labelPdf, labelPng } from './support/upload-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';

const RAW = 'mercantil-invoices-raw';

/** A record as S3 delivers it to Lambda (shape of the AWS docs' example); `encodedKey` as S3 encodes it. */
function record(encodedKey: string, size: number, bucket = RAW, eventName = 'ObjectCreated:Put'): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-1',
    eventTime: '2024-05-03T10:00:00.000Z',
    eventName,
    userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'raw-invoice-created',
      bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
      object: { key: encodedKey, size, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
    },
  };
}
const event = (...records: S3EventRecord[]): S3Event => ({ Records: records });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Lambda S3 trigger (src/workers/s3.handler.ts)', () => {
  let database: TestDatabase;
  let boots = 0;
  let lambda: ReturnType<typeof createS3Handler>;
  let storage: ObjectStorage;
  let queue: Queue;
  let db: DataSource;

  const invoices = async () =>
    db.query(`SELECT tenant_id, status, document_bucket, document_key, document_sha256, original_filename, supplier_id FROM invoices ORDER BY created_at`);
  const drainMessages = async () => {
    const messages = await queue.receive<{ tenantId: string; invoiceId: string }>(INVOICE_PROCESSING_QUEUE, { maxMessages: 50 });
    for (const m of messages) await queue.ack(m);
    return messages.map((m) => m.body);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ...process.env, ...database.env, SEED_DEMO: 'false', MAX_UPLOAD_BYTES: String(256 * 1024) };
    lambda = createS3Handler(async () => {
      boots++;
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { bufferLogs: true });
      storage = app.get(OBJECT_STORAGE);
      queue = app.get(QUEUE);
      db = app.get(DataSource);
      return app;
    });
    await lambda.handler(event()); // boots the context, so the tests can put objects through its storage
  });
  afterAll(async () => {
    await lambda?.close();
    await database?.drop();
  });

  let pdf: Buffer;

  it('turns a new object under tenant=<t>/ into a RECEIVED invoice that points at it, with a queue message', async () => {
    pdf = await labelPdf('S3-1');
    await storage.put(RAW, 'tenant=t1/inbox/factura enero+1.pdf', pdf, { contentType: 'binary/octet-stream' });
    await lambda.handler(event(record('tenant%3Dt1/inbox/factura+enero%2B1.pdf', pdf.length)));
    const rows = await invoices();
    expect(rows).toEqual([
      {
        tenant_id: 't1',
        status: 'RECEIVED',
        document_bucket: RAW,
        document_key: 'tenant=t1/inbox/factura enero+1.pdf',
        document_sha256: sha256(pdf),
        original_filename: 'factura enero+1.pdf',
        supplier_id: null,
      },
    ]);
    const [{ invoice_id }] = await db.query(`SELECT invoice_id FROM invoices`);
    expect(await drainMessages()).toEqual([{ tenantId: 't1', invoiceId: invoice_id }]);
    // The object is the document: nothing was copied.
    expect(await storage.list(RAW, '')).toEqual(['tenant=t1/inbox/factura enero+1.pdf']);
  });

  it('is idempotent: the same event again, or the same bytes under another key, make no second invoice', async () => {
    await storage.put(RAW, 'tenant=t1/copy.pdf', pdf);
    await lambda.handler(event(record('tenant%3Dt1/inbox/factura+enero%2B1.pdf', pdf.length), record('tenant%3Dt1/copy.pdf', pdf.length)));
    expect(await invoices()).toHaveLength(1);
    await drainMessages();
  });

  it('rebuilds the supplier and file name an API upload stored as object metadata', async () => {
    const png = await labelPng('S3 metadata');
    await storage.put(RAW, 'tenant=t%2F2/2024/05/abc.png', png, { metadata: { 'original-filename': 'esc%C3%A1ner.png', 'supplier-id': 'sup-9' } });
    await lambda.handler(event(record('tenant%3Dt%252F2/2024/05/abc.png', png.length)));
    expect((await invoices()).find((r: { tenant_id: string }) => r.tenant_id === 't/2')).toMatchObject({ tenant_id: 't/2', original_filename: 'escáner.png', supplier_id: 'sup-9' });
    expect(await drainMessages()).toHaveLength(1);
  });

  it('logs and skips objects that cannot become invoices, without throwing', async () => {
    await storage.put(RAW, 'no-tenant/factura.pdf', await labelPdf('S3-no-tenant'));
    await storage.put(RAW, 'tenant=t1/notes.txt', Buffer.from('not an invoice'));
    await storage.put(RAW, 'tenant=t1/empty.pdf', Buffer.alloc(0));
    await storage.put(RAW, 'tenant=t1/huge.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(256 * 1024)]));
    const before = await invoices();
    await expect(
      lambda.handler(
        event(
          record('no-tenant/factura.pdf', 10),
          record('tenant%3Dt1/notes.txt', 14),
          record('tenant%3Dt1/empty.pdf', 0),
          record('tenant%3Dt1/huge.pdf', 256 * 1024 + 9),
          record('tenant%3Dt1/deleted-meanwhile.pdf', 10),
          record('tenant%3Dt1/..%2F..%2Fetc%2Fpasswd', 10),
          record('tenant%3Dt1/other-bucket.pdf', 10, 'someone-elses-bucket'),
          record('tenant%3Dt1/bad%E0%A4%A.pdf', 10),
        ),
      ),
    ).resolves.toBeUndefined();
    expect(await invoices()).toEqual(before);
    expect(await drainMessages()).toEqual([]);
  });

  it('throws on a transient failure so Lambda retries, and the retry creates the invoice', async () => {
    const retried = await labelPdf('S3-transient');
    await storage.put(RAW, 'tenant=t3/retry.pdf', retried);
    const head = jest.spyOn(storage, 'head').mockRejectedValueOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(lambda.handler(event(record('tenant%3Dt3/retry.pdf', retried.length)))).rejects.toThrow('socket hang up');
    head.mockRestore();
    expect((await invoices()).filter((r: { tenant_id: string }) => r.tenant_id === 't3')).toEqual([]);
    await lambda.handler(event(record('tenant%3Dt3/retry.pdf', retried.length)));
    expect((await invoices()).filter((r: { tenant_id: string }) => r.tenant_id === 't3')).toHaveLength(1);
    expect(await drainMessages()).toHaveLength(1);
  });

  it('booted the app context once for all invocations', () => {
    expect(boots).toBe(1);
  });
});
