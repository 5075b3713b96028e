import { withLatency } from './with-latency';

describe('withLatency', () => {
  const target = { value: 3, async double(n: number) { return n * 2 * this.value / 3; } };

  it('delays every method call and keeps results, this and plain properties', async () => {
    const slow = withLatency(target, 60);
    const started = Date.now();
    await expect(slow.double(5)).resolves.toBe(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(slow.value).toBe(3);
  });

  it('returns the target itself when there is no latency', () => {
    expect(withLatency(target, 0)).toBe(target);
  });
});
