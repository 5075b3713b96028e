import type { Tier } from './commission-rule';
import { tierFor, tierProblems } from './tiers';

const TIERS: Tier[] = [
  { from: '0', to: '10000', rate: '3' },
  { from: '10000', to: '50000', rate: '4' },
  { from: '50000', to: null, rate: '5' },
];

describe('tierFor', () => {
  it.each([
    ['0', '3'],
    ['9999.9999', '3'],
    ['10000', '4'],
    ['10000.00', '4'],
    ['49999.99', '4'],
    ['50000', '5'],
    ['1000000000', '5'],
  ])('a monthly volume of %s reaches the %s%% tier (a threshold belongs to the higher tier)', (volume, rate) => {
    expect(tierFor(TIERS, volume).rate).toBe(rate);
  });

  it('keeps a negative month (credit notes) in the first tier', () => {
    expect(tierFor(TIERS, '-250').rate).toBe('3');
  });
});

describe('tierProblems', () => {
  it('accepts contiguous, increasing tiers from 0 with an open last one', () => {
    expect(tierProblems(TIERS)).toEqual([]);
    expect(tierProblems([{ from: '0', to: null, rate: '2' }])).toEqual([]);
  });

  it.each<[string, Tier[], RegExp]>([
    ['no tiers', [], /at least one/],
    ['not starting at 0', [{ from: '100', to: null, rate: '1' }], /start at 0/],
    ['a gap', [{ from: '0', to: '10', rate: '1' }, { from: '20', to: null, rate: '2' }], /contiguous/],
    ['an overlap', [{ from: '0', to: '10', rate: '1' }, { from: '5', to: null, rate: '2' }], /contiguous/],
    ['a decreasing band', [{ from: '0', to: '10', rate: '1' }, { from: '10', to: '5', rate: '2' }, { from: '5', to: null, rate: '3' }], /greater than/],
    ['a closed last tier', [{ from: '0', to: '10', rate: '1' }], /open-ended/],
    ['an open middle tier', [{ from: '0', to: null, rate: '1' }, { from: '10', to: null, rate: '2' }], /only the last/],
  ])('refuses %s', (_name, tiers, problem) => {
    expect(tierProblems(tiers).join('; ')).toMatch(problem);
  });
});
