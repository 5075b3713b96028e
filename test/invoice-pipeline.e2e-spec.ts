import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryBody } from './support/binary-response';
import { corruptPdf, ENGLISH_INVOICE, invoicePdf, invoicePng, SPANISH_INVOICE } from './support/invoice-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const FINAL = ['COMPLETED', 'NEEDS_REVIEW', 'FAILED'];

/** Upload → workflow (extract, match, commissions, publish) → invoice with matched lines and commissions. */
describe('Invoice pipeline (e2e, workers included)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = `Bearer ${await t.token({ tenantId: 't1', sub: 'ops', groups: ['admin'] })}`;
    const products = [
      { sku: 'OIL-500', name: 'Aceite de oliva virgen extra 500 ml', category: 'oils', supplierId: 'olivar', supplierCode: 'ACE-500', price: '4.35', currency: 'EUR' },
      { sku: 'HAM-SER', name: 'Jamón serrano reserva', category: 'charcuterie', supplierId: 'olivar', supplierCode: 'JAM-010', price: '617.28', currency: 'EUR' },
      { sku: 'OIL-500-UK', name: 'Olive oil 500 ml', category: 'oils', supplierId: 'northwind', supplierCode: 'NW-100', price: '4.35', currency: 'GBP' },
      { sku: 'HAM-UK', name: 'Serrano ham', category: 'charcuterie', supplierId: 'northwind', supplierCode: 'NW-200', price: '617.28', currency: 'GBP' },
    ];
    for (const product of products) {
      const res = await t.http().post('/v1/products').set('Authorization', admin).send(product);
      expect(res.status).toBe(201);
    }
    const agreement = await t
      .http()
      .post('/v1/commissions/agreements')
      .set('Authorization', admin)
      .send({
        supplierId: 'olivar',
        currency: 'EUR',
        validFrom: '2024-01-01',
        rules: [
          { kind: 'percentage', rate: '5' },
          { kind: 'percentage', category: 'charcuterie', rate: '10' },
        ],
      });
    expect(agreement.status).toBe(201);
  }, 60_000);
  afterAll(() => t?.close());

  const upload = (body: Buffer, filename: string, supplierId?: string) => {
    const req = t.http().post('/v1/invoices').set('Authorization', admin).attach('file', body, filename);
    return supplierId ? req.field('supplierId', supplierId) : req;
  };

  const settled = (invoiceId: string, timeoutMs?: number) => settledAs(admin, invoiceId, timeoutMs);

  async function settledAs(auth: string, invoiceId: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const invoice = (await t.http().get(`/v1/invoices/${invoiceId}`).set('Authorization', auth)).body;
      if (FINAL.includes(invoice.status) || Date.now() > deadline) return invoice;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('reads a Spanish digital PDF, matches its lines by supplier code and computes commissions', async () => {
    const res = await upload(await invoicePdf(SPANISH_INVOICE), 'factura.pdf', 'olivar');
    expect(res.status).toBe(201);
    const invoice = await settled(res.body.invoiceId);
    expect(invoice.status).toBe('COMPLETED');
    expect(invoice.workflowExecutionId).toEqual(expect.any(String));
    expect(invoice.header).toMatchObject({
      invoiceNumber: { value: 'F-2024/0042' },
      issueDate: { value: '2024-03-12' },
      currency: { value: 'EUR' },
      total: { value: '1556.98' },
    });
    const bySku = Object.fromEntries(invoice.lines.map((l: { match: { sku: string }; commission: { amount: string } }) => [l.match.sku, l]));
    // 5% of 52.20 and 10% (charcuterie, the more specific rule) of 1,234.56.
    expect(bySku['OIL-500'].commission).toMatchObject({ amount: '2.61', currency: 'EUR' });
    expect(bySku['HAM-SER'].commission).toMatchObject({ amount: '123.46', currency: 'EUR' });

    const objects = join(t.dataDir, 'objects');
    const lake = join(objects, 'mercantil-data-lake', `invoice_lines/tenant=t1/year=2024/month=03/day=12/${invoice.invoiceId}.ndjson`);
    expect(existsSync(lake)).toBe(true);
    const rows = readFileSync(lake, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.sku).sort()).toEqual(['HAM-SER', 'OIL-500']);
    expect(existsSync(join(objects, 'mercantil-invoices-processed', `tenant=t1/year=2024/month=03/day=12/${invoice.invoiceId}.json`))).toBe(true);
  }, 90_000);

  it('OCRs an English scan and matches it', async () => {
    const res = await upload(invoicePng(ENGLISH_INVOICE), 'invoice.png', 'northwind');
    expect(res.status).toBe(201);
    const invoice = await settled(res.body.invoiceId, 120_000);
    expect(['COMPLETED', 'NEEDS_REVIEW']).toContain(invoice.status);
    expect(invoice.header).toMatchObject({ invoiceNumber: { value: 'INV-2024-0107' }, currency: { value: 'GBP' } });
    expect(invoice.lines.map((l: { match: { sku: string } }) => l.match.sku).sort()).toEqual(['HAM-UK', 'OIL-500-UK']);
  }, 150_000);

  it('parks unmatched lines for review, and completes the invoice once a person confirms them', async () => {
    const t2 = `Bearer ${await t.token({ tenantId: 't2', sub: 'ops', groups: ['admin'] })}`;
    for (const sku of ['P-ONE', 'P-TWO']) {
      await t.http().post('/v1/products').set('Authorization', t2).send({ sku, name: `Producto ${sku}` }).expect(201);
    }
    const res = await t.http().post('/v1/invoices').set('Authorization', t2).attach('file', await invoicePdf(SPANISH_INVOICE), 'f.pdf').field('supplierId', 'nuevo');
    expect(res.status).toBe(201);
    const parked = await settledAs(t2, res.body.invoiceId);
    expect(parked.status).toBe('NEEDS_REVIEW');
    const review = (await t.http().get('/v1/matching/review').set('Authorization', t2).expect(200)).body.items as { lineId: string; invoiceId: string }[];
    const lines = review.filter((item) => item.invoiceId === parked.invoiceId);
    expect(lines).toHaveLength(2);

    for (const [i, item] of lines.entries()) {
      await t.http().post(`/v1/matching/review/${item.lineId}`).set('Authorization', t2).send({ sku: i === 0 ? 'P-ONE' : 'P-TWO' }).expect(200);
    }
    const deadline = Date.now() + 10_000;
    let invoice = parked;
    while (invoice.status !== 'COMPLETED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      invoice = (await t.http().get(`/v1/invoices/${parked.invoiceId}`).set('Authorization', t2)).body;
    }
    expect(invoice.status).toBe('COMPLETED');
    expect(invoice.lines.map((l: { match: { sku: string; status: string } }) => l.match).sort((a: { sku: string }, b: { sku: string }) => a.sku.localeCompare(b.sku))).toEqual([
      { sku: 'P-ONE', confidence: 1, status: 'matched' },
      { sku: 'P-TWO', confidence: 1, status: 'matched' },
    ]);
  }, 90_000);

  it('turns a corrupt PDF into a FAILED invoice with a readable reason, keeping the file', async () => {
    const bytes = corruptPdf();
    const res = await upload(bytes, 'broken.pdf');
    expect(res.status).toBe(201);
    const invoice = await settled(res.body.invoiceId);
    expect(invoice.status).toBe('FAILED');
    expect(invoice.failureReason).toMatch(/^Document\.Unreadable: /);
    const document = await t.http().get(`/v1/invoices/${invoice.invoiceId}/document`).set('Authorization', admin).buffer(true).parse(binaryBody as never);
    expect(Buffer.compare(document.body, bytes)).toBe(0);
  }, 90_000);

  it('counts the invoices above by outcome, and their lines matched automatically or sent to review', async () => {
    const scrape = (await t.http().get('/metrics')).text;
    const sample = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\d+)$`, 'm').exec(scrape)?.[1] ?? 0);
    expect(sample('mercantil_invoices_processed_total{outcome="failed"}')).toBe(1);
    // The parked invoice was needs_review; the person completing it later is not a second outcome.
    expect(sample('mercantil_invoices_processed_total{outcome="needs_review"}')).toBeGreaterThanOrEqual(1);
    expect(sample('mercantil_invoices_processed_total{outcome="completed"}')).toBeGreaterThanOrEqual(1);
    expect(sample('mercantil_invoice_lines_matched_total{result="review"}')).toBeGreaterThanOrEqual(2);
    expect(sample('mercantil_invoice_lines_matched_total{result="auto"}')).toBeGreaterThanOrEqual(1);
  });
});
