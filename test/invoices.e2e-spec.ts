import { createHash } from 'node:crypto';
import { Queue, QUEUE } from '../src/common/queue/queue.port';
import { INVOICE_PROCESSING_QUEUE } from '../src/common/queue/queue-definition';
import { OBJECT_STORAGE, ObjectStorage } from '../src/common/storage/object-storage.port';
import { binaryBody } from './support/binary-response';
import { emptyZip, labelPdf, labelPng } from './support/upload-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const MAX_UPLOAD_BYTES = 64 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Collects a response body as raw bytes (supertest would decode text types). */

describe('Invoices API (e2e)', () => {
  let t: TestApp;
  let auth: string;
  let queue: Queue;

  const upload = (file: Buffer | null, filename = 'factura.pdf', fields: Record<string, string> = {}, token = auth) => {
    const req = t.http().post('/v1/invoices').set('Authorization', token);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return file ? req.attach('file', file, { filename, contentType: 'application/octet-stream' }) : req;
  };

  /** Every invoice-processing message, acked so the next call sees only new ones. */
  const drainMessages = async () => {
    const messages = await queue.receive<{ tenantId: string; invoiceId: string }>(INVOICE_PROCESSING_QUEUE, { maxMessages: 50 });
    for (const m of messages) await queue.ack(m);
    return messages.map((m) => m.body);
  };

  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) }, { worker: false });
    auth = `Bearer ${await t.token()}`;
    queue = t.app.get(QUEUE);
  });
  afterAll(() => t?.close());

  it('receives a PDF: 201, RECEIVED, stored unchanged under tenant=/yyyy/mm/sha256.pdf, one queue message', async () => {
    const pdf = await labelPdf('F-1');
    const res = await upload(pdf, 'factura enero.pdf', { supplierId: 'sup-1' }).expect(201);
    expect(res.body).toMatchObject({
      invoiceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      supplierId: 'sup-1',
      status: 'RECEIVED',
      failureReason: null,
      header: null,
      lines: [],
      workflowExecutionId: null,
      version: 1,
      document: { contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), originalFilename: 'factura enero.pdf' },
    });
    expect(res.headers.location).toBe(`/v1/invoices/${res.body.invoiceId}`);
    const now = new Date();
    const key = `tenant=t1/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${sha256(pdf)}.pdf`;
    const stored = await t.app.get<ObjectStorage>(OBJECT_STORAGE).get('mercantil-invoices-raw', key);
    expect(stored?.contentType).toBe('application/pdf');
    expect(Buffer.compare(stored!.body, pdf)).toBe(0);
    expect(await drainMessages()).toEqual([{ tenantId: 't1', invoiceId: res.body.invoiceId }]);
  });

  it('receives a PNG scan, typed by its bytes whatever the name and declared type say', async () => {
    const png = await labelPng();
    const res = await upload(png, 'scan.pdf').expect(201);
    expect(res.body.document).toMatchObject({ contentType: 'image/png', size: png.length });
    expect(await drainMessages()).toEqual([{ tenantId: 't1', invoiceId: res.body.invoiceId }]);
  });

  it('returns the existing invoice for the same bytes: 201 then 200 with the same id', async () => {
    const pdf = await labelPdf('F-dup');
    const first = await upload(pdf).expect(201);
    const again = await upload(pdf, 'other-name.pdf', { supplierId: 'ignored' }).expect(200);
    expect(again.body.invoiceId).toBe(first.body.invoiceId);
    expect(again.body.document.originalFilename).toBe('factura.pdf');
    const list = await t.http().get('/v1/invoices?limit=100').set('Authorization', auth).expect(200);
    expect(list.body.items.filter((i: { document: { sha256: string } }) => i.document.sha256 === sha256(pdf))).toHaveLength(1);
    await drainMessages();
  });

  it('creates one invoice for concurrent identical uploads', async () => {
    const pdf = await labelPdf('F-race');
    const responses = await Promise.all(Array.from({ length: 6 }, () => upload(pdf)));
    const ids = new Set(responses.map((r) => r.body.invoiceId));
    expect(ids.size).toBe(1);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const messages = await drainMessages();
    expect(new Set(messages.map((m) => m.invoiceId))).toEqual(ids);
  });

  it('gives the same bytes from another tenant its own invoice', async () => {
    const pdf = await labelPdf('F-shared');
    const mine = await upload(pdf).expect(201);
    const theirs = await upload(pdf, 'x.pdf', {}, `Bearer ${await t.token({ tenantId: 't2' })}`).expect(201);
    expect(theirs.body.invoiceId).not.toBe(mine.body.invoiceId);
    await drainMessages();
  });

  it.each([
    ['an empty file', 400, Buffer.alloc(0), /empty/],
    ['a file over MAX_UPLOAD_BYTES', 413, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_UPLOAD_BYTES)]), /too large/i],
    ['a text file', 415, Buffer.from('Invoice 42, total 10.00 EUR\n'), /not a PDF, PNG, JPEG or TIFF/],
    ['a zip archive named .pdf', 415, emptyZip(), /not a PDF, PNG, JPEG or TIFF/],
  ])('refuses %s with %i in the error shape, storing nothing', async (_name, status, body, message) => {
    const storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
    const before = await storage.list('mercantil-invoices-raw', '');
    const res = await upload(body as Buffer, 'factura.pdf').expect(status as number);
    expect(await storage.list('mercantil-invoices-raw', '')).toEqual(before);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: status, message: expect.stringMatching(message as RegExp), requestId: expect.any(String) }));
    expect(await drainMessages()).toEqual([]);
  });

  it('refuses a request without the file, a JSON body, and a malformed multipart body with 400', async () => {
    const missing = await upload(null, undefined, { supplierId: 'sup-1' }).expect(400);
    expect(missing.body.message).toMatch(/"file" field is required/);
    await t.http().post('/v1/invoices').set('Authorization', auth).send({ supplierId: 'x' }).expect(400);
    const broken = await t
      .http()
      .post('/v1/invoices')
      .set('Authorization', auth)
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 truncated');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/Multipart/), requestId: expect.any(String) });
  });

  it('refuses unknown form fields and a second file with 400', async () => {
    const pdf = await labelPdf('F-unknown');
    const unknown = await upload(pdf, 'a.pdf', { colour: 'blue' }).expect(400);
    expect(unknown.body.message).toMatch(/colour/);
    await t.http().post('/v1/invoices').set('Authorization', auth).attach('document', pdf, 'a.pdf').expect(400);
    await upload(pdf).attach('file', pdf, 'b.pdf').expect(400);
    expect(await drainMessages()).toEqual([]);
  });

  it('shows an invoice only to its tenant, and lists newest first with filters and cursor pages', async () => {
    const a = await upload(await labelPdf('F-list-a'), 'a.pdf', { supplierId: 'sup-list' }).expect(201);
    const b = await upload(await labelPdf('F-list-b'), 'b.pdf', { supplierId: 'sup-list' }).expect(201);
    await t.http().get(`/v1/invoices/${a.body.invoiceId}`).set('Authorization', `Bearer ${await t.token({ tenantId: 't2' })}`).expect(404);
    await t.http().get(`/v1/invoices/${a.body.invoiceId}/document`).set('Authorization', `Bearer ${await t.token({ tenantId: 't2' })}`).expect(404);
    await t.http().get('/v1/invoices/not-a-uuid').set('Authorization', auth).expect(404);
    const got = await t.http().get(`/v1/invoices/${a.body.invoiceId}`).set('Authorization', auth).expect(200);
    expect(got.body).toEqual(a.body);

    const first = await t.http().get('/v1/invoices?supplierId=sup-list&limit=1').set('Authorization', auth).expect(200);
    expect(first.body.items.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([b.body.invoiceId]);
    expect(first.body.items[0]).toMatchObject({ lineCount: 0, status: 'RECEIVED' });
    const second = await t.http().get(`/v1/invoices?supplierId=sup-list&limit=1&cursor=${first.body.nextCursor}`).set('Authorization', auth).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ invoiceId: a.body.invoiceId })], nextCursor: null });
    const processing = await t.http().get('/v1/invoices?status=PROCESSING').set('Authorization', auth).expect(200);
    expect(processing.body.items).toEqual([]);
    await t.http().get('/v1/invoices?status=DONE').set('Authorization', auth).expect(400);
    await t.http().get('/v1/invoices?cursor=garbage').set('Authorization', auth).expect(400);
    await drainMessages();
  });

  it('downloads the original document byte for byte, with its type and file name', async () => {
    const png = await labelPng('FACTURA año 2024');
    const created = await upload(png, 'escaneo año €.png').expect(201);
    expect(created.body.document.originalFilename).toBe('escaneo año €.png');
    const res = await t
      .http()
      .get(`/v1/invoices/${created.body.invoiceId}/document`)
      .set('Authorization', auth)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''escaneo%20a%C3%B1o%20%E2%82%AC.png`);
    expect(Buffer.compare(res.body as Buffer, png)).toBe(0);
    await drainMessages();
  });

  it('requires a token', async () => {
    await t.http().post('/v1/invoices').attach('file', await labelPdf('F-anon'), 'a.pdf').expect(401);
  });
});
