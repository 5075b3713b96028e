/**
 * Invoice pipeline benchmark: invoices per minute end to end (upload → extraction →
 * matching → commissions → processed store and lake) on the embedded profile.
 *
 *   npm run bench:invoices
 *
 * Env: BENCH_INVOICES (default 40; half digital PDFs, half scans that need OCR),
 *      BENCH_CONCURRENCY (uploads in flight, default 4).
 * Each upload is a distinct generated invoice (the number varies, so content hashes differ).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { ENGLISH_INVOICE, InvoiceFixture, invoicePdf, invoicePng, SPANISH_INVOICE } from '../test/support/invoice-fixtures';
import { freePort, waitForHealth } from '../test/support/processes';

const ROOT = resolve(__dirname, '..');
const INVOICES = Number(process.env.BENCH_INVOICES ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const FINAL = ['COMPLETED', 'NEEDS_REVIEW', 'FAILED'];

/** The fixture with its invoice number made unique, so every upload is a new document. */
function variant(base: InvoiceFixture, i: number): InvoiceFixture {
  const number = `${base.expected.invoiceNumber}-${i}`;
  return {
    ...base,
    texts: base.texts.map((t) => (t.text.includes(base.expected.invoiceNumber) ? { ...t, text: t.text.replace(base.expected.invoiceNumber, number) } : t)),
    expected: { ...base.expected, invoiceNumber: number },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mercantil-bench-invoices-'));
  const port = await freePort();
  const app: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/health`, app, 60_000);
    const issuer = await DevIssuer.open(dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const auth = { authorization: `Bearer ${await issuer.mint({ tenantId: 'bench', sub: 'bench', groups: ['admin'] })}` };
    // A catalog and an agreement, so matching and commissions do real work.
    const json = { ...auth, 'content-type': 'application/json' };
    const catalog = [
      ...SPANISH_INVOICE.expected.lines.map((l, i) => ({ sku: `ES-${i}`, name: l.description, supplierId: 'olivar', supplierCode: l.supplierCode, category: 'food' })),
      ...ENGLISH_INVOICE.expected.lines.map((l, i) => ({ sku: `EN-${i}`, name: l.description, supplierId: 'northwind', supplierCode: l.supplierCode, category: 'food' })),
    ];
    for (const product of catalog) await fetch(`${base}/v1/products`, { method: 'POST', headers: json, body: JSON.stringify(product) });
    for (const [supplierId, currency] of [['olivar', 'EUR'], ['northwind', 'GBP']]) {
      const agreement = { supplierId, currency, validFrom: '2024-01-01', rules: [{ kind: 'percentage', rate: '5' }] };
      await fetch(`${base}/v1/commissions/agreements`, { method: 'POST', headers: json, body: JSON.stringify(agreement) });
    }
    const documents = await Promise.all(
      Array.from({ length: INVOICES }, async (_, i) => {
        const fixture = variant(i % 2 ? ENGLISH_INVOICE : SPANISH_INVOICE, i);
        const supplierId = i % 2 ? 'northwind' : 'olivar';
        return i % 4 < 2
          ? { body: await invoicePdf(fixture), name: `i${i}.pdf`, type: 'application/pdf', supplierId }
          : { body: invoicePng(fixture), name: `i${i}.png`, type: 'image/png', supplierId };
      }),
    );
    console.log(`Uploading ${INVOICES} invoices (${documents.filter((d) => d.type === 'image/png').length} scans for OCR), ${CONCURRENCY} at a time`);
    const started = Date.now();
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < INVOICES; i = next++) {
          const form = new FormData();
          form.append('supplierId', documents[i].supplierId);
          form.append('file', new Blob([documents[i].body], { type: documents[i].type }), documents[i].name);
          const res = await fetch(`${base}/v1/invoices`, { method: 'POST', headers: auth, body: form });
          ids.push(((await res.json()) as { invoiceId: string }).invoiceId);
        }
      }),
    );
    const statuses = new Map<string, string>();
    while (statuses.size < ids.length) {
      for (const id of ids.filter((i) => !statuses.has(i))) {
        const invoice = (await (await fetch(`${base}/v1/invoices/${id}`, { headers: auth })).json()) as { status: string };
        if (FINAL.includes(invoice.status)) statuses.set(id, invoice.status);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const minutes = (Date.now() - started) / 60_000;
    const byStatus = [...statuses.values()].reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    console.log(`Processed ${ids.length} invoices in ${(minutes * 60).toFixed(1)} s: ${(ids.length / minutes).toFixed(1)} invoices/min`, byStatus);
  } finally {
    if (app.exitCode === null) {
      app.kill('SIGTERM');
      await once(app, 'exit');
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
