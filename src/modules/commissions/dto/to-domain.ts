import { randomUUID } from 'node:crypto';
import type { AgreementTerms } from '../domain/agreement';
import { rateFieldOf } from '../domain/agreement';
import { CommissionRule, RULE_KINDS } from '../domain/commission-rule';
import { FieldProblem, InvalidAgreementError } from '../domain/commission-errors';
import { moneyText, plainDecimal } from '../domain/exact-decimal';
import type { AgreementTermsDto, RuleDto } from './agreement-input.dto';

/**
 * DTO → domain terms. A rule carries exactly the field of its kind (rate, tiers or
 * amountPerUnit): a stray one would suggest a commission that is never applied.
 * `knownRuleIds` are the ids a rule may keep on update; any other sent id is refused.
 */
export function toTerms(dto: AgreementTermsDto, knownRuleIds: ReadonlySet<string> = new Set()): AgreementTerms {
  const problems: FieldProblem[] = [];
  for (const field of ['validFrom', 'validTo'] as const) {
    const value = dto[field];
    if (value !== undefined && !isRealDate(value)) problems.push({ field, errors: [`${field} is not a calendar date`] });
  }
  const seenIds = new Set<string>();
  dto.rules.forEach((rule, i) => {
    const errors = fieldProblems(rule);
    if (rule.ruleId !== undefined && (!knownRuleIds.has(rule.ruleId) || seenIds.has(rule.ruleId))) {
      errors.push('ruleId must be the id of one of this agreement’s rules, at most once');
    }
    if (rule.ruleId) seenIds.add(rule.ruleId);
    if (errors.length > 0) problems.push({ field: `rules.${i}`, errors });
  });
  if (problems.length > 0) throw new InvalidAgreementError(problems);
  return {
    currency: dto.currency,
    validFrom: dto.validFrom,
    validTo: dto.validTo ?? null,
    rules: dto.rules.map(toRule),
  };
}

function fieldProblems(rule: RuleDto): string[] {
  const wanted = rateFieldOf(rule.kind);
  return RULE_KINDS.map(rateFieldOf).flatMap((field) => {
    const present = rule[field as keyof RuleDto] !== undefined;
    if (field === wanted && !present) return [`a ${rule.kind} rule needs ${field}`];
    if (field !== wanted && present) return [`${field} does not belong to a ${rule.kind} rule`];
    return [];
  });
}

function toRule(rule: RuleDto): CommissionRule {
  const scope = { ruleId: rule.ruleId ?? randomUUID(), sku: rule.sku ?? null, category: rule.category ?? null };
  switch (rule.kind) {
    case 'percentage':
      return { ...scope, kind: rule.kind, rate: plainDecimal(rule.rate!) };
    case 'fixed-per-unit':
      return { ...scope, kind: rule.kind, amountPerUnit: moneyText(rule.amountPerUnit!) };
    case 'tiered-percentage':
      return {
        ...scope,
        kind: rule.kind,
        tiers: rule.tiers!.map((t) => ({ from: moneyText(t.from), to: t.to === undefined ? null : moneyText(t.to), rate: plainDecimal(t.rate) })),
      };
  }
}

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
