import { CommissionRule, RuleKind } from './commission-rule';
import { FieldProblem, AgreementEndedError, AgreementOverlapError, InvalidAgreementError } from './commission-errors';
import { Exact } from './exact-decimal';
import { tierProblems } from './tiers';

export type AgreementStatus = 'active' | 'ended';

/** Dates are calendar dates, YYYY-MM-DD, both ends inclusive; `validTo: null` is open-ended. */
export interface AgreementTerms {
  currency: string;
  validFrom: string;
  validTo: string | null;
  /** In the order they were added: the order breaks ties between equally specific rules. */
  rules: CommissionRule[];
}

export interface AgreementProps extends AgreementTerms {
  agreementId: string;
  tenantId: string;
  supplierId: string;
  status: AgreementStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type NewAgreement = Omit<AgreementProps, 'status' | 'createdAt' | 'updatedAt' | 'version'>;

export class Agreement {
  private constructor(readonly props: AgreementProps) {}

  static create(input: NewAgreement, now: Date): Agreement {
    assertValidTerms(input);
    const at = now.toISOString();
    return new Agreement({ ...input, status: 'active', createdAt: at, updatedAt: at, version: 1 });
  }

  static restore(props: AgreementProps): Agreement {
    return new Agreement(props);
  }

  get id(): string {
    return this.props.agreementId;
  }

  revise(changes: Partial<AgreementTerms>, now: Date): Agreement {
    if (this.props.status === 'ended') throw new AgreementEndedError(this.id);
    const next = { ...this.props, ...changes };
    assertValidTerms(next);
    return new Agreement({ ...next, updatedAt: now.toISOString(), version: this.props.version + 1 });
  }

  /**
   * Ends the agreement as of today (UTC): it no longer applies to invoices dated today or
   * later, but keeps applying to earlier ones, so recomputing a past invoice still finds it.
   * One that had not started yet is left with validTo before validFrom: it never applies.
   */
  end(now: Date): Agreement {
    if (this.props.status === 'ended') throw new AgreementEndedError(this.id);
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const { validTo } = this.props;
    return new Agreement({
      ...this.props,
      validTo: validTo !== null && validTo < yesterday ? validTo : yesterday,
      status: 'ended',
      updatedAt: now.toISOString(),
      version: this.props.version + 1,
    });
  }

  appliesOn(date: string): boolean {
    const { validFrom, validTo } = this.props;
    return validFrom <= date && (validTo === null || date <= validTo);
  }

  overlaps(other: Agreement): boolean {
    const a = this.props;
    const b = other.props;
    const never = (p: AgreementProps) => p.validTo !== null && p.validTo < p.validFrom;
    if (never(a) || never(b)) return false;
    return (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);
  }

  /** One agreement per supplier on any date, so the agreement for an invoice is never ambiguous. */
  assertNoOverlapWith(others: readonly Agreement[]): void {
    const clash = others.find((o) => o.id !== this.id && o.props.supplierId === this.props.supplierId && this.overlaps(o));
    if (clash) throw new AgreementOverlapError(this.props.supplierId, clash.id);
  }
}

/** The supplier's agreement valid on `date`, if any. */
export function agreementOn(agreements: readonly Agreement[], date: string): Agreement | null {
  return agreements.find((a) => a.appliesOn(date)) ?? null;
}

function assertValidTerms(terms: AgreementTerms): void {
  const problems: FieldProblem[] = [];
  const add = (field: string, error: string) => problems.push({ field, errors: [error] });
  if (terms.validTo !== null && terms.validTo < terms.validFrom) add('validTo', 'validTo must not be before validFrom');
  terms.rules.forEach((rule, i) => {
    if (rule.sku !== null && rule.category !== null) add(`rules.${i}`, 'a rule applies to a SKU or to a category, not both');
    for (const error of kindProblems(rule)) add(`rules.${i}`, error);
  });
  if (problems.length > 0) throw new InvalidAgreementError(problems);
}

const HUNDRED = new Exact(100);
const RATE_FIELDS: Record<RuleKind, string> = { percentage: 'rate', 'tiered-percentage': 'tiers', 'fixed-per-unit': 'amountPerUnit' };

function kindProblems(rule: CommissionRule): string[] {
  switch (rule.kind) {
    case 'percentage':
      return percentProblems(rule.rate, 'rate');
    case 'tiered-percentage':
      return [...tierProblems(rule.tiers), ...rule.tiers.flatMap((t, i) => percentProblems(t.rate, `tiers.${i}.rate`))];
    case 'fixed-per-unit':
      return new Exact(rule.amountPerUnit).isNegative() ? ['amountPerUnit must not be negative'] : [];
  }
}

function percentProblems(rate: string, field: string): string[] {
  const r = new Exact(rate);
  return r.isNegative() || r.gt(HUNDRED) ? [`${field} must be a percentage between 0 and 100`] : [];
}

/** The field that carries the commission for each kind; a rule must carry exactly that one. */
export const rateFieldOf = (kind: RuleKind): string => RATE_FIELDS[kind];
