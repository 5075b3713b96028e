import { daysBetween } from './backfill-sales-reports';

describe('daysBetween', () => {
  it('lists every UTC day of the range, both ends included, across months and leap days', () => {
    expect(daysBetween('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysBetween('2026-01-01', '2026-01-01')).toEqual(['2026-01-01']);
  });

  it('refuses malformed or reversed ranges', () => {
    expect(() => daysBetween('2026-1-01', '2026-01-02')).toThrow('YYYY-MM-DD');
    expect(() => daysBetween('2026-01-02', '2026-01-01')).toThrow('before');
  });
});
