import { Agreement, agreementOn, NewAgreement } from './agreement';
import { AgreementEndedError, AgreementOverlapError, InvalidAgreementError } from './commission-errors';

const NOW = new Date('2025-06-15T10:00:00Z');
let seq = 0;
const make = (over: Partial<NewAgreement> = {}) =>
  Agreement.create({ agreementId: `a${++seq}`, tenantId: 't1', supplierId: 's1', currency: 'EUR', validFrom: '2025-01-01', validTo: null, rules: [], ...over }, NOW);

describe('Agreement', () => {
  it('refuses validTo before validFrom, a rule scoped to both a SKU and a category, and rates above 100', () => {
    const attempt = () =>
      make({
        validFrom: '2025-02-01',
        validTo: '2025-01-31',
        rules: [
          { ruleId: 'r1', kind: 'percentage', rate: '2', sku: 'A', category: 'oils' },
          { ruleId: 'r2', kind: 'tiered-percentage', sku: null, category: null, tiers: [{ from: '0', to: null, rate: '100.0001' }] },
        ],
      });
    expect(attempt).toThrow(InvalidAgreementError);
    try {
      attempt();
    } catch (e) {
      expect((e as InvalidAgreementError).problems.map((p) => p.field)).toEqual(['validTo', 'rules.0', 'rules.1']);
    }
  });

  it.each([
    ['open-ended vs later start', {}, { validFrom: '2030-01-01' }, true],
    ['touching on one inclusive day', { validTo: '2025-03-31' }, { validFrom: '2025-03-31' }, true],
    ['consecutive', { validTo: '2025-03-31' }, { validFrom: '2025-04-01' }, false],
    ['the other before', { validFrom: '2025-04-01' }, { validFrom: '2024-01-01', validTo: '2025-03-31' }, false],
  ])('overlap: %s', (_name, a, b, overlaps) => {
    const first = make(a);
    const second = make(b);
    expect(first.overlaps(second)).toBe(overlaps);
    expect(second.overlaps(first)).toBe(overlaps);
    if (overlaps) expect(() => second.assertNoOverlapWith([first])).toThrow(AgreementOverlapError);
  });

  it('ignores its own stored version and other suppliers when checking overlap', () => {
    const agreement = make();
    expect(() => agreement.assertNoOverlapWith([agreement, make({ supplierId: 's2' })])).not.toThrow();
  });

  it('ends as of today: it still covers yesterday, not today, and can change no more', () => {
    const ended = make().end(NOW);
    expect(ended.props).toMatchObject({ status: 'ended', validTo: '2025-06-14', version: 2 });
    expect(agreementOn([ended], '2025-06-14')).toBe(ended);
    expect(agreementOn([ended], '2025-06-15')).toBeNull();
    expect(() => ended.end(NOW)).toThrow(AgreementEndedError);
    expect(() => ended.revise({ rules: [] }, NOW)).toThrow(AgreementEndedError);
  });

  it('keeps an earlier validTo when ended, and an agreement ended before it started never applies nor overlaps', () => {
    expect(make({ validTo: '2025-03-31' }).end(NOW).props.validTo).toBe('2025-03-31');
    const never = make({ validFrom: '2025-07-01' }).end(NOW);
    expect(agreementOn([never], '2025-07-01')).toBeNull();
    expect(never.overlaps(make({ validFrom: '2025-07-01' }))).toBe(false);
  });

  it('revises over a new version with the same validation', () => {
    const revised = make().revise({ validTo: '2025-12-31' }, NOW);
    expect(revised.props).toMatchObject({ version: 2, validTo: '2025-12-31' });
    expect(() => revised.revise({ validTo: '2024-12-31' }, NOW)).toThrow(InvalidAgreementError);
  });
});
