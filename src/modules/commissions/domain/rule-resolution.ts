import { CommissionRule, RuleKind, RuleSpecificity, specificityOf } from './commission-rule';

export interface LineScope {
  sku: string | null;
  category: string | null;
}

/** Higher wins. SKU over category over the supplier-wide default. */
const SPECIFICITY_RANK: Record<RuleSpecificity, number> = { sku: 3, category: 2, default: 1 };

/**
 * Tie-break between rules of the same specificity, higher wins: a fixed amount per unit is
 * a negotiated price for the item and overrides percentages; a flat percentage is an
 * explicit exception to the volume-driven tiered schedule. Left at a tie after that, the
 * rule added later to the agreement (later in its rules list) wins, as the newer decision.
 */
const KIND_RANK: Record<RuleKind, number> = { 'fixed-per-unit': 3, percentage: 2, 'tiered-percentage': 1 };

function applies(rule: CommissionRule, line: LineScope): boolean {
  switch (specificityOf(rule)) {
    case 'sku':
      return line.sku !== null && rule.sku === line.sku;
    case 'category':
      return line.category !== null && rule.category === line.category;
    case 'default':
      return true;
  }
}

/** The rule that decides a line's commission, or null when none of the agreement's rules applies. */
export function resolveRule(rules: readonly CommissionRule[], line: LineScope): CommissionRule | null {
  let best: CommissionRule | null = null;
  let bestRank: number[] = [];
  for (const [position, rule] of rules.entries()) {
    if (!applies(rule, line)) continue;
    const rank = [SPECIFICITY_RANK[specificityOf(rule)], KIND_RANK[rule.kind], position];
    if (!best || outranks(rank, bestRank)) [best, bestRank] = [rule, rank];
  }
  return best;
}

function outranks(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}
