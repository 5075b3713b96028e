import { Inject, Injectable } from '@nestjs/common';
import type { LineMatch, InvoiceLineInput } from '../domain/line-match';
import { DEFAULT_MATCH_WEIGHTS, MatchWeights, scoreCandidates } from '../domain/match-scorer';
import { PRODUCT_REPOSITORY, ProductRepository } from '../domain/product-repository.port';
import { SKU_LOOKUP, SkuLookup, SkuLookupKey } from '../domain/sku-lookup.port';
import { aliasKeyOf } from '../domain/text-normalizer';

/** Products each retrieval strategy (full text, name trigrams, description trigrams) contributes. */
export const CANDIDATES_PER_STRATEGY = 20;
const REPORTED_CANDIDATES = 5;
const GTIN = /^(\d{8}|\d{12,14})$/;

export interface MatchOptions {
  threshold: number;
  weights?: MatchWeights;
}

/**
 * The three-stage matcher: exact keys (supplier code, GTIN, learned alias), then
 * retrieval of similar catalog products, then scoring. Used by MatchInvoiceLinesHandler
 * and by bench/matching.ts, so the benchmark measures the production path.
 */
@Injectable()
export class LineMatcher {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(SKU_LOOKUP) private readonly lookup: SkuLookup,
  ) {}

  async match(tenantId: string, supplierId: string | null, line: InvoiceLineInput, options: MatchOptions): Promise<LineMatch> {
    const exact = await this.exactMatch(tenantId, supplierId, line);
    if (exact) return exact;

    const candidates = await this.products.findCandidates(tenantId, { text: line.description, limit: CANDIDATES_PER_STRATEGY });
    const { ranked, confidence } = scoreCandidates(
      { description: line.description, unitPrice: line.unitPrice },
      candidates,
      options.weights ?? DEFAULT_MATCH_WEIGHTS,
    );
    const accepted = ranked.length > 0 && confidence >= options.threshold;
    return { sku: accepted ? ranked[0].sku : null, confidence, method: 'scored', candidates: ranked.slice(0, REPORTED_CANDIDATES) };
  }

  private async exactMatch(tenantId: string, supplierId: string | null, line: InvoiceLineInput): Promise<LineMatch | null> {
    const keys: [LineMatch['method'], SkuLookupKey][] = [];
    const code = line.supplierCode?.trim();
    if (code && supplierId) keys.push(['supplier-code', { kind: 'supplier-code', supplierId, code }]);
    // Suppliers often print the GTIN as their code.
    if (code && GTIN.test(code)) keys.push(['gtin', { kind: 'gtin', gtin: code }]);
    const alias = aliasKeyOf(line.description);
    if (alias) keys.push(['alias', { kind: 'alias', supplierId, description: alias }]);
    for (const [method, key] of keys) {
      const sku = await this.lookup.find(tenantId, key);
      if (sku) return { sku, confidence: 1, method, candidates: [{ sku, score: 1 }] };
    }
    return null;
  }
}
