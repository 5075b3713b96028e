import type { AgreementTerms } from './agreement';
import { AppliedRuleKind, CommissionRule } from './commission-rule';
import { CommissionCurrencyMismatchError } from './commission-errors';
import { Exact, moneyText, plainDecimal, roundToCents } from './exact-decimal';
import { resolveRule } from './rule-resolution';
import { tierFor } from './tiers';

export interface InvoiceLine {
  lineId: string;
  sku: string | null;
  category: string | null;
  /** Decimal text; fractional quantities (2.5 kg) are allowed. */
  quantity: string;
  /** Decimal text in the invoice currency. */
  lineTotal: string;
}

export interface CommissionLine {
  lineId: string;
  amount: string;
  currency: string;
  ruleId: string | null;
  ruleKind: AppliedRuleKind;
  /** The percentage applied (for tiered rules, the rate of the tier reached). */
  rate?: string;
  amountPerUnit?: string;
  agreementId: string | null;
}

export interface InvoiceCommissions {
  lines: CommissionLine[];
  total: string;
  /** The supplier's volume for the invoice's month including this invoice: what picked the tiers. */
  monthVolume: string;
}

export interface CalculationInput {
  agreement: (AgreementTerms & { agreementId: string }) | null;
  currency: string;
  lines: readonly InvoiceLine[];
  /**
   * The supplier's volume in the invoice's month from every other invoice, in the invoice
   * currency. The invoice's own earlier calculation must not be in it: that is what makes
   * a recomputation replace, rather than add to, the invoice's contribution.
   */
  otherInvoicesVolume: string;
}

/** Commission of each line of one invoice, each rounded half-even to cents; the total is their exact sum. */
export function calculateCommissions({ agreement, currency, lines, otherInvoicesVolume }: CalculationInput): InvoiceCommissions {
  if (agreement && agreement.currency !== currency) {
    throw new CommissionCurrencyMismatchError(currency, agreement.agreementId, agreement.currency);
  }
  const monthVolume = lines.reduce((sum, l) => sum.plus(l.lineTotal), new Exact(otherInvoicesVolume));
  const calculated = lines.map((line): CommissionLine => {
    const rule = agreement ? resolveRule(agreement.rules, line) : null;
    if (!agreement || !rule) {
      return { lineId: line.lineId, amount: '0.00', currency, ruleId: null, ruleKind: 'none', agreementId: agreement?.agreementId ?? null };
    }
    return { lineId: line.lineId, currency, ruleId: rule.ruleId, ruleKind: rule.kind, agreementId: agreement.agreementId, ...apply(rule, line, monthVolume) };
  });
  const total = calculated.reduce((sum, l) => sum.plus(l.amount), new Exact(0));
  return { lines: calculated, total: moneyText(total), monthVolume: moneyText(monthVolume) };
}

function apply(rule: CommissionRule, line: InvoiceLine, monthVolume: Exact): Pick<CommissionLine, 'amount' | 'rate' | 'amountPerUnit'> {
  switch (rule.kind) {
    case 'percentage':
      return { amount: percentOf(line.lineTotal, rule.rate), rate: plainDecimal(rule.rate) };
    case 'tiered-percentage': {
      const { rate } = tierFor(rule.tiers, monthVolume);
      return { amount: percentOf(line.lineTotal, rate), rate: plainDecimal(rate) };
    }
    case 'fixed-per-unit':
      return {
        amount: moneyText(roundToCents(new Exact(rule.amountPerUnit).times(line.quantity))),
        amountPerUnit: moneyText(rule.amountPerUnit),
      };
  }
}

function percentOf(amount: string, rate: string): string {
  return moneyText(roundToCents(new Exact(amount).times(rate).dividedBy(100)));
}
