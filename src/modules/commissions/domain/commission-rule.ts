export const RULE_KINDS = ['percentage', 'tiered-percentage', 'fixed-per-unit'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** What a calculated line records: a rule kind, or 'none' when no rule applied. */
export type AppliedRuleKind = RuleKind | 'none';

/** A band of monthly volume, `from` inclusive and `to` exclusive; the last band is open (`to: null`). */
export interface Tier {
  from: string;
  to: string | null;
  /** Percentage, 0–100 with up to 4 decimals. */
  rate: string;
}

/**
 * Scope: a rule with `sku` applies to lines of that SKU, with `category` to lines of that
 * category, with neither to every line of the supplier (the default). Never both.
 */
interface RuleScope {
  ruleId: string;
  sku: string | null;
  category: string | null;
}

export type CommissionRule =
  | (RuleScope & { kind: 'percentage'; rate: string })
  | (RuleScope & { kind: 'tiered-percentage'; tiers: Tier[] })
  | (RuleScope & { kind: 'fixed-per-unit'; amountPerUnit: string });

export type RuleSpecificity = 'sku' | 'category' | 'default';

export function specificityOf(rule: CommissionRule): RuleSpecificity {
  if (rule.sku !== null) return 'sku';
  return rule.category !== null ? 'category' : 'default';
}
