/**
 * Matching quality and speed on the Amazon–Google product benchmark: the Google catalog
 * is loaded into a fresh PGlite (or the Postgres in DATABASE_URL) through the catalog's
 * own bulk upsert, then every Amazon product is matched as an invoice line by LineMatcher,
 * the production path (exact keys, full-text + trigram retrieval, scoring).
 *   npm run bench:matching -- [--data DIR] [--threshold 0.8] [--tune]
 * --tune: grid-searches a few general weights on the tune half (Amazon ids hashed into two
 * fixed halves) by re-scoring cached retrieval results, and reports both halves.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { PostgresProductRepository } from '../src/modules/matching/adapters/postgres-product.repository';
import { PostgresSkuLookup } from '../src/modules/matching/adapters/postgres-sku-lookup.repository';
import { CANDIDATES_PER_STRATEGY, LineMatcher } from '../src/modules/matching/application/line-matcher';
import { IMPORT_BATCH_SIZE } from '../src/modules/matching/application/product-import.runner';
import { CandidateEvidence, DEFAULT_MATCH_WEIGHTS, MatchWeights, scoreCandidates } from '../src/modules/matching/domain/match-scorer';
import type { ProductFields } from '../src/modules/matching/domain/product';

const TENANT = 'bench';
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

interface Line {
  id: string;
  description: string;
  unitPrice?: string;
  half: 'tune' | 'held-out';
}

interface Outcome {
  line: Line;
  ranked: string[];
  confidence: number;
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'latin1'), { columns: true, skip_empty_lines: true, relax_quotes: true });
}

const price = (value: string) => (value && Number(value) > 0 ? value.replace(/[^\d.]/g, '') || undefined : undefined);

function loadData(dir: string) {
  const google: ProductFields[] = readCsv(join(dir, 'GoogleProducts.csv')).map((r) => ({
    sku: r.id, name: r.name, description: r.description || null, brand: r.manufacturer || null, category: null, unit: null,
    price: price(r.price) ?? null, currency: price(r.price) ? 'USD' : null, supplierId: null, supplierCode: null, gtin: null,
  }));
  // An invoice line carries one text: the title, with the maker prepended when the title lacks it.
  const amazon: Line[] = readCsv(join(dir, 'Amazon.csv')).map((r) => ({
    id: r.id,
    description: r.manufacturer && !r.title.toLowerCase().includes(r.manufacturer.toLowerCase()) ? `${r.manufacturer} ${r.title}` : r.title,
    unitPrice: price(r.price),
    half: createHash('sha1').update(r.id).digest()[0] % 2 === 0 ? 'tune' : 'held-out',
  }));
  const gold = new Map<string, Set<string>>();
  for (const r of readCsv(join(dir, 'Amzon_GoogleProducts_perfectMapping.csv'))) {
    gold.set(r.idAmazon, (gold.get(r.idAmazon) ?? new Set()).add(r.idGoogleBase));
  }
  return { google, amazon, gold };
}

function evaluate(outcomes: Outcome[], gold: Map<string, Set<string>>, threshold: number) {
  let accepted = 0;
  let correct = 0;
  let goldPairs = 0;
  let top1 = 0;
  let top5 = 0;
  let answerable = 0;
  for (const { line, ranked, confidence } of outcomes) {
    const truth = gold.get(line.id) ?? new Set<string>();
    goldPairs += truth.size;
    if (ranked.length > 0 && confidence >= threshold) {
      accepted++;
      if (truth.has(ranked[0])) correct++;
    }
    if (truth.size > 0) {
      answerable++;
      if (truth.has(ranked[0])) top1++;
      if (ranked.slice(0, 5).some((s) => truth.has(s))) top5++;
    }
  }
  const precision = accepted ? correct / accepted : 0;
  const recall = goldPairs ? correct / goldPairs : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { lines: outcomes.length, accepted, correct, goldPairs, precision, recall, f1, top1: top1 / answerable, top5: top5 / answerable };
}

const pct = (x: number) => (100 * x).toFixed(2);
function report(label: string, m: ReturnType<typeof evaluate>, threshold: number) {
  console.log(
    `| ${label} | ${m.lines} | ${threshold} | ${m.accepted} | ${pct(m.precision)} | ${pct(m.recall)} | **${pct(m.f1)}** | ${pct(m.top1)} | ${pct(m.top5)} |`,
  );
}

function rescore(cached: { line: Line; candidates: CandidateEvidence[] }[], weights: MatchWeights): Outcome[] {
  return cached.map(({ line, candidates }) => {
    const { ranked, confidence } = scoreCandidates(line, candidates, weights);
    return { line, ranked: ranked.map((c) => c.sku), confidence };
  });
}

function tune(cached: { line: Line; candidates: CandidateEvidence[] }[], gold: Map<string, Set<string>>) {
  const tuneHalf = cached.filter((c) => c.line.half === 'tune');
  let best = { f1: -1, weights: DEFAULT_MATCH_WEIGHTS as MatchWeights, threshold: 0.8 };
  for (const nameSimilarity of [0.2, 0.3, 0.4])
    for (const model of [0.1, 0.2, 0.3])
      for (const ambiguityPenalty of [0, 0.5, 1])
        for (const tokenDice of [0.25, 0.35, 0.45]) {
          const weights = { ...DEFAULT_MATCH_WEIGHTS, nameSimilarity, model, ambiguityPenalty, tokenDice };
          const outcomes = rescore(tuneHalf, weights);
          for (let threshold = 0.2; threshold <= 0.951; threshold += 0.05) {
            const { f1 } = evaluate(outcomes, gold, Number(threshold.toFixed(2)));
            if (f1 > best.f1) best = { f1, weights, threshold: Number(threshold.toFixed(2)) };
          }
        }
  return best;
}

async function main(): Promise<void> {
  const dir = arg('data', join(__dirname, '../../shared/data/matching-amazon-google'));
  const threshold = Number(arg('threshold', '0.8'));
  const { google, amazon, gold } = loadData(dir);
  const dataDir = mkdtempSync(join(tmpdir(), 'mercantil-bench-matching-'));
  const db = await openDataSource(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL }));
  try {
    const products = new PostgresProductRepository(db.dataSource);
    const matcher = new LineMatcher(products, new PostgresSkuLookup(db.dataSource));
    let started = performance.now();
    for (let i = 0; i < google.length; i += IMPORT_BATCH_SIZE) await products.upsertMany(TENANT, google.slice(i, i + IMPORT_BATCH_SIZE));
    await products.refreshStatistics();
    const loadSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const outcomes: Outcome[] = [];
    for (const line of amazon) {
      const match = await matcher.match(TENANT, null, { lineId: line.id, ...line }, { threshold });
      outcomes.push({ line, ranked: match.candidates.map((c) => c.sku), confidence: match.confidence });
    }
    const matchSeconds = (performance.now() - started) / 1000;

    const backend = process.env.DATABASE_URL ? 'Postgres' : 'PGlite';
    console.log(`${backend}, node ${process.version}: ${google.length} catalog products loaded in ${loadSeconds.toFixed(2)} s; ` +
      `${amazon.length} lines matched in ${matchSeconds.toFixed(2)} s = ${(amazon.length / matchSeconds).toFixed(1)} lines/s ` +
      `(${CANDIDATES_PER_STRATEGY} candidates per retrieval strategy)\n`);
    console.log('| set | lines | threshold | accepted | precision | recall | F1 | top-1 | top-5 |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    const half = (h: Line['half']) => outcomes.filter((o) => o.line.half === h);
    report('all, default weights', evaluate(outcomes, gold, threshold), threshold);
    report('tune half, default weights', evaluate(half('tune'), gold, threshold), threshold);
    report('held-out half, default weights', evaluate(half('held-out'), gold, threshold), threshold);

    if (process.argv.includes('--tune')) {
      const cached = [];
      for (const line of amazon) cached.push({ line, candidates: await products.findCandidates(TENANT, { text: line.description, limit: CANDIDATES_PER_STRATEGY }) });
      const best = tune(cached, gold);
      const tuned = rescore(cached, best.weights);
      report('tune half, tuned', evaluate(tuned.filter((o) => o.line.half === 'tune'), gold, best.threshold), best.threshold);
      report('held-out half, tuned', evaluate(tuned.filter((o) => o.line.half === 'held-out'), gold, best.threshold), best.threshold);
      const { nameSimilarity, model, ambiguityPenalty, tokenDice } = best.weights;
      console.log(`\ntuned on the tune half: ${JSON.stringify({ nameSimilarity, model, ambiguityPenalty, tokenDice })}, threshold ${best.threshold}`);
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
