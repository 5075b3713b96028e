import type { Tier } from './commission-rule';
import { Exact } from './exact-decimal';

/**
 * The tier the supplier's monthly volume reaches: the band with from ≤ volume < to, so a
 * volume exactly on a threshold is in the higher band. Its rate applies to the whole
 * invoice line, not only to the part of the volume above the threshold (see README,
 * "Tiers"). A negative month (credit notes) stays in the first band.
 */
export function tierFor(tiers: readonly Tier[], volume: string | Exact): Tier {
  const v = new Exact(volume);
  const reached = tiers.find((t) => v.lt(t.to ?? Infinity) && v.gte(t.from));
  return reached ?? tiers[0];
}

/**
 * Problems with a tier list, empty when it is usable: the bands start at 0, each starts
 * where the previous ends, thresholds strictly increase, and only the last is open.
 */
export function tierProblems(tiers: readonly Tier[]): string[] {
  if (tiers.length === 0) return ['at least one tier is required'];
  const problems: string[] = [];
  if (!new Exact(tiers[0].from).isZero()) problems.push('the first tier must start at 0');
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (last && tier.to !== null) problems.push(`tier ${i} is the last one and must be open-ended (no "to")`);
    if (!last && tier.to === null) problems.push(`tier ${i} needs a "to": only the last tier is open-ended`);
    if (tier.to !== null && !new Exact(tier.to).gt(tier.from)) problems.push(`tier ${i}: "to" must be greater than "from"`);
    const next = tiers[i + 1];
    if (next && tier.to !== null && !new Exact(next.from).eq(tier.to)) {
      problems.push(`tier ${i + 1} must start where tier ${i} ends (${tier.to}): tiers are contiguous`);
    }
  });
  return problems;
}
