/**
 * Extraction accuracy of the embedded analyzer on the invoice2data sample
 * (../shared/data/invoices-invoice2data): every PDF, image and text dump is compared
 * with the expected JSON beside it, field by field, after normalisation.
 *
 *   npm run bench:extraction [-- <directory>]
 */
import Decimal from 'decimal.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { EmbeddedDocumentAnalyzer } from '../src/modules/invoices/adapters/embedded-document-analyzer.adapter';
import { NormalizedInvoice } from '../src/modules/invoices/domain/normalized-invoice';

const DIR = resolve(process.argv[2] ?? join(__dirname, '../../shared/data/invoices-invoice2data'));
const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.txt': 'text/plain' };

type Expected = Record<string, unknown>;
const sameText = (a: string, b: string) => a.replace(/^#\s*/, '').trim().toLowerCase() === b.replace(/^#\s*/, '').trim().toLowerCase();
const sameAmount = (a: string, b: unknown) => new Decimal(a).equals(new Decimal(String(b)));
const looseName = (a: string, b: string) => {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
  return norm(a).includes(norm(b)) || norm(b).includes(norm(a));
};

/** invoice2data key → how to read ours and compare. */
const FIELDS: { key: string; ours: (i: NormalizedInvoice) => string | undefined; same: (ours: string, expected: unknown) => boolean }[] = [
  { key: 'invoice_number', ours: (i) => i.invoiceNumber?.value, same: (a, b) => sameText(a, String(b)) },
  { key: 'date', ours: (i) => i.issueDate?.value, same: (a, b) => a === b },
  { key: 'amount', ours: (i) => i.total?.value, same: sameAmount },
  { key: 'currency', ours: (i) => i.currency?.value, same: (a, b) => a === String(b).toUpperCase() },
  { key: 'date_due', ours: (i) => i.dueDate?.value, same: (a, b) => a === b },
  { key: 'amount_untaxed', ours: (i) => i.subtotal?.value, same: sameAmount },
  { key: 'amount_tax', ours: (i) => i.tax?.value, same: sameAmount },
  { key: 'issuer', ours: (i) => i.supplierName?.value, same: (a, b) => looseName(a, String(b)) },
];

async function main(): Promise<void> {
  if (!existsSync(DIR)) {
    console.log(`Skipped: ${DIR} is absent (see ../shared/data/README.md).`);
    return;
  }
  const analyzer = new EmbeddedDocumentAnalyzer({ languages: process.env.OCR_LANGUAGES ?? 'spa+eng' });
  const documents = readdirSync(DIR).filter((f) => TYPES[extname(f)] && existsSync(join(DIR, f.replace(/\.[^.]+$/, '.json'))));
  const score = new Map(FIELDS.map((f) => [f.key, { right: 0, total: 0 }]));
  const ocr: number[] = [];
  const misses: string[] = [];
  const started = Date.now();
  for (const file of documents.sort()) {
    const expected = (JSON.parse(readFileSync(join(DIR, file.replace(/\.[^.]+$/, '.json')), 'utf8')) as Expected[])[0];
    let invoice: NormalizedInvoice | null = null;
    try {
      const analysis = await analyzer.analyze({ bytes: readFileSync(join(DIR, file)), contentType: TYPES[extname(file)] });
      invoice = analysis.invoice;
      if (analysis.ocrSecondsPerPage !== undefined) ocr.push(analysis.ocrSecondsPerPage);
      console.log(`${file.padEnd(32)} ${analysis.method.padEnd(8)} ${analysis.pages}p  review: ${invoice.reviewReasons.join('; ') || '-'}`);
    } catch (error) {
      console.log(`${file.padEnd(32)} FAILED ${(error as Error).name}: ${(error as Error).message}`);
    }
    for (const field of FIELDS) {
      if (expected[field.key] === undefined || expected[field.key] === '') continue;
      const s = score.get(field.key)!;
      s.total++;
      const ours = invoice ? field.ours(invoice) : undefined;
      if (ours !== undefined && field.same(ours, expected[field.key])) s.right++;
      else misses.push(`  ${file}: ${field.key} expected ${JSON.stringify(expected[field.key])}, got ${JSON.stringify(ours ?? null)}`);
    }
  }
  const minutes = (Date.now() - started) / 60000;
  await analyzer.onModuleDestroy();
  console.log(`\nMisses:\n${misses.join('\n') || '  none'}\n\nField accuracy over ${documents.length} documents:`);
  for (const [key, s] of score) console.log(`  ${key.padEnd(16)} ${((100 * s.right) / Math.max(1, s.total)).toFixed(1).padStart(5)}%  (${s.right}/${s.total})`);
  const meanOcr = ocr.length ? ocr.reduce((a, b) => a + b, 0) / ocr.length : 0;
  console.log(`\nOCR seconds per page: ${ocr.length ? meanOcr.toFixed(2) : 'n/a'} (${ocr.length} OCR documents)`);
  console.log(`Documents per minute: ${(documents.length / minutes).toFixed(1)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
