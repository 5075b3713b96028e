import { UnprocessableError } from '../../../common/errors/application-errors';
import type { Agreement } from './agreement';
import type { LedgerLine } from './commission-ledger.port';
import { AppliedRuleKind, RULE_KINDS, Tier } from './commission-rule';
import { Exact, moneyText } from './exact-decimal';
import { tierFor } from './tiers';

export interface TierReached extends Tier {
  agreementId: string;
  ruleId: string;
}

/** A supplier's commissions for one month (invoices dated in it), in one currency. */
export interface CommissionStatement {
  supplierId: string;
  period: string;
  currency: string | null;
  lines: LedgerLine[];
  totalsByRuleKind: Record<AppliedRuleKind, string>;
  total: string;
  /** Sum of the invoice line totals: the volume the tiers are measured on. */
  volume: string;
  /** For each tiered rule used this month, the tier the month's volume reaches. */
  tiersReached: TierReached[];
}

export class MixedCurrencyStatementError extends UnprocessableError {
  constructor(currencies: string[]) {
    super(`The supplier's invoices this month are in ${currencies.join(', ')}; choose one with ?currency=`);
  }
}

export function buildStatement(
  args: { supplierId: string; period: string; currency?: string },
  allLines: readonly LedgerLine[],
  agreements: readonly Agreement[],
): CommissionStatement {
  const currencies = [...new Set(allLines.map((l) => l.currency))].sort();
  if (!args.currency && currencies.length > 1) throw new MixedCurrencyStatementError(currencies);
  const currency = args.currency ?? currencies[0] ?? null;
  const lines = allLines.filter((l) => l.currency === currency);
  const sum = (of: LedgerLine[], pick: (l: LedgerLine) => string) => moneyText(of.reduce((s, l) => s.plus(pick(l)), new Exact(0)));
  const kinds: AppliedRuleKind[] = [...RULE_KINDS, 'none'];
  const totalsByRuleKind = Object.fromEntries(
    kinds.map((kind) => [kind, sum(lines.filter((l) => l.ruleKind === kind), (l) => l.amount)]),
  ) as Record<AppliedRuleKind, string>;
  const volume = sum(lines, (l) => l.lineTotal);
  return {
    supplierId: args.supplierId,
    period: args.period,
    currency,
    lines,
    totalsByRuleKind,
    total: sum(lines, (l) => l.amount),
    volume,
    tiersReached: tiersReached(lines, agreements, volume),
  };
}

function tiersReached(lines: LedgerLine[], agreements: readonly Agreement[], volume: string): TierReached[] {
  const used = new Set(lines.filter((l) => l.ruleKind === 'tiered-percentage').map((l) => `${l.agreementId}/${l.ruleId}`));
  return agreements.flatMap((agreement) =>
    agreement.props.rules.flatMap((rule) =>
      rule.kind === 'tiered-percentage' && used.has(`${agreement.id}/${rule.ruleId}`)
        ? [{ agreementId: agreement.id, ruleId: rule.ruleId, ...tierFor(rule.tiers, volume) }]
        : [],
    ),
  );
}
