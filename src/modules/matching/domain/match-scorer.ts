import Decimal from 'decimal.js';
import { compareMeasures, parseMeasures, parsePackCount } from './measures';
import { compareModelTokens, modelTokens } from './model-tokens';
import { contentTokens } from './text-normalizer';

/** What the scorer knows about an invoice line. */
export interface LineEvidence {
  description: string;
  unitPrice?: string;
}

/** A retrieved catalog product with the retrieval stage's own similarity signal. */
export interface CandidateEvidence {
  sku: string;
  name: string;
  brand?: string | null;
  price?: string | null;
  /** Trigram similarity of the line's text to the product name, 0..1. */
  nameSimilarity: number;
}

export interface ScoredCandidate {
  sku: string;
  score: number;
}

/**
 * How much each signal counts. The defaults were chosen on one fixed half of the
 * Amazon–Google benchmark and reported on the other half (bench/matching.ts).
 */
export interface MatchWeights {
  tokenDice: number;
  nameCoverage: number;
  nameSimilarity: number;
  model: number;
  measure: number;
  pack: number;
  brand: number;
  price: number;
  /** Prices further apart than this factor count against a candidate. */
  priceBand: number;
  /** A runner-up closer than `ambiguityMargin` lowers the winner's confidence by up to this much. */
  ambiguityPenalty: number;
  ambiguityMargin: number;
}

export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = {
  tokenDice: 0.45,
  nameCoverage: 0.2,
  nameSimilarity: 0.3,
  model: 0.1,
  measure: 0.1,
  pack: 0.1,
  brand: 0.1,
  price: 0.05,
  priceBand: 2,
  ambiguityPenalty: 0.5,
  ambiguityMargin: 0.1,
};

export interface ScoreOutcome {
  /** Best first. */
  ranked: ScoredCandidate[];
  /** The best candidate's score, lowered when a different product scores nearly as well. */
  confidence: number;
}

/** Stage 3 of the matcher: pure, so it is the same in the API, the workflow and the benchmark. */
export function scoreCandidates(
  line: LineEvidence,
  candidates: CandidateEvidence[],
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): ScoreOutcome {
  const evidence = lineFeatures(line);
  const ranked = candidates
    .map((c) => ({ sku: c.sku, score: round(scoreOne(evidence, c, weights)) }))
    .sort((a, b) => b.score - a.score || a.sku.localeCompare(b.sku));
  const [best, runnerUp] = ranked;
  if (!best) return { ranked, confidence: 0 };
  const gap = runnerUp ? best.score - runnerUp.score : Infinity;
  const penalty = gap < weights.ambiguityMargin ? weights.ambiguityPenalty * (weights.ambiguityMargin - gap) : 0;
  return { ranked, confidence: round(clamp(best.score - penalty)) };
}

interface LineFeatures {
  tokens: Set<string>;
  models: Set<string>;
  measures: ReturnType<typeof parseMeasures>;
  pack: number | null;
  price: Decimal | null;
}

function lineFeatures(line: LineEvidence): LineFeatures {
  return {
    tokens: new Set(contentTokens(line.description)),
    models: modelTokens(line.description),
    measures: parseMeasures(line.description),
    pack: parsePackCount(line.description),
    price: positivePrice(line.unitPrice),
  };
}

function scoreOne(line: LineFeatures, candidate: CandidateEvidence, w: MatchWeights): number {
  const text = candidate.brand ? `${candidate.brand} ${candidate.name}` : candidate.name;
  const tokens = new Set(contentTokens(text));
  const shared = [...tokens].filter((t) => line.tokens.has(t)).length;
  const dice = tokens.size + line.tokens.size > 0 ? (2 * shared) / (tokens.size + line.tokens.size) : 0;
  const nameTokens = new Set(contentTokens(candidate.name));
  const coverage = nameTokens.size > 0 ? [...nameTokens].filter((t) => line.tokens.has(t)).length / nameTokens.size : 0;
  const pack = parsePackCount(candidate.name);
  const brandTokens = candidate.brand ? contentTokens(candidate.brand) : [];
  const score =
    w.tokenDice * dice +
    w.nameCoverage * coverage +
    w.nameSimilarity * candidate.nameSimilarity +
    w.model * compareModelTokens(line.models, modelTokens(candidate.name)) +
    w.measure * compareMeasures(line.measures, parseMeasures(candidate.name)) +
    w.pack * (line.pack !== null && pack !== null ? (line.pack === pack ? 1 : -1) : 0) +
    w.brand * (brandTokens.length > 0 && brandTokens.every((t) => line.tokens.has(t)) ? 1 : 0) +
    w.price * priceAgreement(line.price, positivePrice(candidate.price), w.priceBand);
  return clamp(score);
}

/** 1 within the band, -1 outside it, 0 when either price is unknown. */
function priceAgreement(a: Decimal | null, b: Decimal | null, band: number): number {
  if (!a || !b) return 0;
  const ratio = Decimal.max(a, b).div(Decimal.min(a, b));
  return ratio.lte(band) ? 1 : -1;
}

function positivePrice(value: string | null | undefined): Decimal | null {
  if (value === undefined || value === null || value === '') return null;
  const price = new Decimal(value);
  return price.gt(0) ? price : null;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number) => Math.round(x * 10_000) / 10_000;
