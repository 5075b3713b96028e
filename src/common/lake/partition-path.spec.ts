import { partitionPath, utcDayOf } from './partition-path';

describe('partitionPath', () => {
  it('is hive-style tenant/year/month/day with zero-padded parts', () => {
    expect(partitionPath('acme', '2024-03-05')).toBe('tenant=acme/year=2024/month=03/day=05');
  });

  it('escapes a tenant id so it never adds a directory level', () => {
    expect(partitionPath('a/b=c', '2024-03-05')).toBe('tenant=a%2Fb%3Dc/year=2024/month=03/day=05');
  });

  it('refuses anything but a calendar day', () => {
    expect(() => partitionPath('t', '2024-03-05T10:00:00Z')).toThrow(/calendar day/);
    expect(() => partitionPath('t', '2024-3-5')).toThrow(/calendar day/);
  });
});

describe('utcDayOf', () => {
  it('is the UTC day of the instant, whatever its offset', () => {
    expect(utcDayOf('2024-12-31T23:30:00.000Z')).toBe('2024-12-31');
    expect(utcDayOf('2025-01-01T00:30:00+02:00')).toBe('2024-12-31');
  });

  it('refuses what is not an instant', () => {
    expect(() => utcDayOf('yesterday')).toThrow(/ISO 8601/);
  });
});
