/**
 * Search at scale, through the product's own paths: the app runs as a child process
 * (dist/main.js); products go in through the CSV import API, reach the index through the
 * change feed (outbox → relay → queue → search subscriber), and queries go over HTTP.
 *   npm run bench:search            BENCH_PRODUCTS=100000 (per tenant), BENCH_DATABASE_URL=postgres://… for a real Postgres
 * Tenants: `olist` (the Olist catalog, which has categories and sizes but no names, given
 * generated names and brands and repeated up to BENCH_PRODUCTS) and `amazon-google` (the
 * Google products of the Amazon–Google benchmark, for relevance).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { freePort, waitForHealth } from '../test/support/processes';
import { scratchDatabase } from './support/scratch-database';

const ROOT = resolve(__dirname, '..');
const DATA = resolve(ROOT, process.env.BENCH_DATA ?? '../shared/data');
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const IMPORT_ROWS = 20_000;

type Row = Record<string, string>;
const readCsv = (path: string, encoding: BufferEncoding = 'utf8'): Row[] =>
  parse(readFileSync(path, encoding).replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, relax_quotes: true });
const hash = (text: string) => createHash('sha1').update(text).digest();
const pick = <T>(items: readonly T[], seed: Buffer, at: number) => items[seed.readUInt16BE(at) % items.length];

const ADJECTIVES = ['premium', 'compact', 'classic', 'portable', 'deluxe', 'ergonomic', 'wireless', 'organic', 'vintage', 'professional', 'mini', 'heavy-duty', 'eco', 'smart', 'luxury', 'kids', 'outdoor', 'digital', 'handmade', 'waterproof'];
const MATERIALS = ['cotton', 'steel', 'bamboo', 'leather', 'plastic', 'ceramic', 'glass', 'aluminium', 'wool', 'silicone', 'oak', 'linen'];
const COLOURS = ['black', 'white', 'red', 'blue', 'green', 'grey', 'silver', 'pink', 'yellow', 'brown', 'navy', 'beige'];
const NOUNS = ['set', 'kit', 'pack', 'edition', 'model', 'series', 'bundle', 'collection'];
const BRANDS = Array.from({ length: 240 }, (_, i) => {
  const syllables = ['ka', 'lo', 'mer', 'vi', 'tan', 'so', 'ra', 'del', 'nu', 'zen', 'bor', 'qui', 'fa', 'lux', 'tor', 'ami'];
  const h = hash(`brand${i}`);
  return [0, 2, 4].map((at) => syllables[h[at] % syllables.length]).join('').replace(/^./, (c) => c.toUpperCase());
});

function olistCsv(): string[] {
  const dir = join(DATA, 'catalog-olist');
  const english = new Map(readCsv(join(dir, 'product_category_name_translation.csv')).map((r) => [r.product_category_name, r.product_category_name_english]));
  const rows = readCsv(join(dir, 'olist_products_dataset.csv'));
  const lines: string[] = [];
  for (let i = 0; lines.length < PRODUCTS; i++) {
    const r = rows[i % rows.length];
    const copy = Math.floor(i / rows.length);
    const h = hash(`${r.product_id}:${copy}`);
    const category = (english.get(r.product_category_name) ?? r.product_category_name ?? 'misc').replace(/_/g, ' ');
    const name = `${pick(BRANDS, h, 0)} ${pick(ADJECTIVES, h, 2)} ${category} ${pick(MATERIALS, h, 4)} ${pick(NOUNS, h, 6)} ${pick(COLOURS, h, 8)} ${h.toString('hex').slice(0, 5)}`;
    const description = `${pick(ADJECTIVES, h, 10)} ${category} in ${pick(COLOURS, h, 12)} ${pick(MATERIALS, h, 14)}, ${r.product_weight_g || 0} g, ${r.product_length_cm || 0}x${r.product_height_cm || 0}x${r.product_width_cm || 0} cm`;
    const price = `${(h.readUInt32BE(16) % 100_000) / 100}`;
    lines.push([`olist-${i}`, name, description, pick(BRANDS, h, 0), category, price, 'BRL'].map(csvCell).join(','));
  }
  return lines;
}

function googleCsv(): { lines: string[]; queries: { title: string; gold: Set<string> }[] } {
  const dir = join(DATA, 'matching-amazon-google');
  // Google ids are feed URLs; a sku is at most 64 plain characters, so the numeric tail stands in.
  const skuOf = (id: string) => `g-${id.split('/').pop()}`;
  const price = (v: string) => (v && Number(v.replace(/[^\d.]/g, '')) > 0 ? v.replace(/[^\d.]/g, '') : '');
  const lines = readCsv(join(dir, 'GoogleProducts.csv'), 'latin1').map((r) =>
    [skuOf(r.id), r.name, r.description, r.manufacturer, '', price(r.price), price(r.price) ? 'USD' : ''].map(csvCell).join(','),
  );
  const gold = new Map<string, Set<string>>();
  for (const r of readCsv(join(dir, 'Amzon_GoogleProducts_perfectMapping.csv'), 'latin1')) {
    gold.set(r.idAmazon, (gold.get(r.idAmazon) ?? new Set()).add(skuOf(r.idGoogleBase)));
  }
  const queries = readCsv(join(dir, 'Amazon.csv'), 'latin1')
    .filter((r) => gold.has(r.id))
    .map((r) => ({ title: r.title.slice(0, 200), gold: gold.get(r.id)! }));
  return { lines, queries };
}

const csvCell = (value: string | undefined) => (value && /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : (value ?? ''));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms (${s.length} requests)`;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Api {
  constructor(private readonly base: string, private readonly auth: Record<string, string>) {}

  async get<T>(path: string, tenant: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, { headers: { authorization: this.auth[tenant] } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async send(method: string, path: string, tenant: string, body: string, type = 'application/json'): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, { method, headers: { authorization: this.auth[tenant], 'content-type': type }, body });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  async metrics(): Promise<string> {
    return (await fetch(`${this.base}/metrics`)).text();
  }

  async searchTotal(tenant: string, q = ''): Promise<number> {
    return (await this.get<{ total: number }>(`/search/${tenant}/products?pageSize=1${q ? `&q=${encodeURIComponent(q)}` : ''}`, tenant)).total;
  }
}

/** Messages waiting or in flight on the change-feed queues, from the app's queue gauges. */
async function changeBacklog(api: Api): Promise<number> {
  const metrics = await api.metrics();
  return [...metrics.matchAll(/^mercantil_queue_messages\{queue="changes-[^"]+",state="(visible|in_flight|delayed)"\} (\d+)/gm)].reduce((n, m) => n + Number(m[2]), 0);
}

/** Imports the CSV in chunks and returns when every imported product is searchable: the indexing throughput. */
async function load(api: Api, tenant: string, header: string, lines: string[]): Promise<number> {
  const started = performance.now();
  let imported = 0;
  for (let i = 0; i < lines.length; i += IMPORT_ROWS) {
    const res = await api.send('POST', '/v1/products/import', tenant, [header, ...lines.slice(i, i + IMPORT_ROWS)].join('\n'), 'text/csv');
    const location = res.headers.get('location')!;
    let job = await api.get<{ status: string; processed: number; failed: number }>(location, tenant);
    while (job.status === 'running') {
      await sleep(200);
      job = await api.get(location, tenant);
    }
    imported += job.processed - job.failed;
  }
  const importedAt = performance.now();
  while ((await api.searchTotal(tenant)) < imported) await sleep(250);
  const indexed = performance.now();
  const seconds = (indexed - started) / 1000;
  console.log(`${tenant}: ${imported} products imported (${lines.length - imported} rows rejected) in ${((importedAt - started) / 1000).toFixed(1)} s, all searchable after ${seconds.toFixed(1)} s: ${(imported / seconds).toFixed(0)} products/s end to end`);
  return imported;
}

async function latency(label: string, concurrency: number, paths: string[], run: (path: string) => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const t = performance.now();
      await run(paths[i]);
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  console.log(`${label}, concurrency ${concurrency}: ${summary(times)}`);
}

function typo(word: string, seed: number): string {
  if (word.length < 5) return word;
  const at = 1 + (seed % (word.length - 2));
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'catalog-olist')) || !existsSync(join(DATA, 'matching-amazon-google'))) {
    console.log(`Skipped: the data sets are not under ${DATA} (set BENCH_DATA)`);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'mercantil-bench-search-'));
  const database = await scratchDatabase();
  const port = await freePort();
  const app: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
    env: { ...process.env, ...database.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', MAX_UPLOAD_BYTES: String(100 * 1024 * 1024) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  app.on('exit', (code, signal) => {
    if (code !== 0) console.error(`The app exited with ${signal ?? code}`);
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, app, 60_000);
    const issuer = await DevIssuer.open(dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const auth: Record<string, string> = {};
    for (const tenant of ['olist', 'amazon-google']) auth[tenant] = `Bearer ${await issuer.mint({ tenantId: tenant, sub: 'bench', groups: ['admin'] })}`;
    const api = new Api(`http://127.0.0.1:${port}`, auth);
    console.log(`Search bench: ${PRODUCTS} products per tenant on ${database.env.DATABASE_URL ? 'a Postgres server' : 'PGlite'}, node ${process.version}`);

    const header = 'sku,name,description,brand,category,price,currency';
    const olist = olistCsv();
    const google = googleCsv();
    await load(api, 'olist', header, olist);
    await load(api, 'amazon-google', header, google.lines);

    // The lake and sales subscribers work through the same writes after the index has them; latency is
    // measured on a quiet app, once every change queue is empty.
    const drainStarted = performance.now();
    while ((await changeBacklog(api)) > 0) await sleep(500);
    console.log(`change feed drained (lake and sales subscribers done) ${((performance.now() - drainStarted) / 1000).toFixed(1)} s after the index`);

    const names = olist.map((line) => parse(line)[0][1] as string);
    const searches = Array.from({ length: REQUESTS }, (_, i) => {
      const words = names[(i * 7919) % names.length].split(/\s+/);
      const query = [typo(words[1], i), words[2]].join(' ');
      return `/search/olist/products?q=${encodeURIComponent(query)}&pageSize=20`;
    });
    const prefixes = Array.from({ length: REQUESTS }, (_, i) => {
      const word = names[(i * 104729) % names.length].split(/\s+/)[i % 3];
      return `/search/olist/products/autocomplete?prefix=${encodeURIComponent(word.slice(0, 2 + (i % 4)))}`;
    });
    const call = (path: string) => api.get(path, 'olist');
    for (const concurrency of [1, 16]) {
      await latency('search (2 words, one with a typo)', concurrency, searches, call);
      await latency('autocomplete (2–5 letters)', concurrency, prefixes, call);
    }

    const lags: number[] = [];
    for (let i = 0; i < 30; i++) {
      const token = `lag${randomBytes(5).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
      const t = performance.now();
      await api.send('POST', '/v1/products', 'olist', JSON.stringify({ sku: `lag-${i}-${token}`, name: `Probe ${token}`, price: '1.00', currency: 'BRL' }));
      while ((await api.searchTotal('olist', token)) === 0) await sleep(5);
      lags.push(performance.now() - t);
    }
    console.log(`write → searchable lag: ${summary(lags).replace('requests', 'writes')}`);

    let top5 = 0;
    for (const { title, gold } of google.queries) {
      const result = await api.get<{ hits: { product: { sku: string } }[] }>(`/search/amazon-google/products?q=${encodeURIComponent(title)}&pageSize=5`, 'amazon-google');
      if (result.hits.some((h) => gold.has(h.product.sku))) top5++;
    }
    console.log(`relevance: the matching Google product is in the top 5 for ${top5} of ${google.queries.length} Amazon titles (${((100 * top5) / google.queries.length).toFixed(1)} %)`);
  } finally {
    if (app.exitCode === null) {
      app.kill('SIGTERM');
      await once(app, 'exit');
    }
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}


main().catch((error) => {
  console.error(error);
  process.exit(1);
});
