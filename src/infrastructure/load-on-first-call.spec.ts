import { loadOnFirstCall } from './load-on-first-call';

interface Greeter {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}

class RealGreeter implements Greeter {
  private calls = 0;
  async greet(name: string) {
    this.calls++;
    return `hola ${name}`;
  }
  async count() {
    return this.calls;
  }
}

describe('loadOnFirstCall', () => {
  it('builds the adapter on the first call only, once for concurrent calls, and forwards to it', async () => {
    const load = jest.fn(async () => new RealGreeter());
    const greeter = loadOnFirstCall<Greeter>(load, { greet: true, count: true });
    expect(load).not.toHaveBeenCalled();
    expect(await Promise.all([greeter.greet('Ana'), greeter.greet('Luis')])).toEqual(['hola Ana', 'hola Luis']);
    expect(await greeter.count()).toBe(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('retries a failed build on the next call instead of keeping the failure', async () => {
    const load = jest.fn<Promise<Greeter>, []>().mockRejectedValueOnce(new Error('no credentials')).mockResolvedValue(new RealGreeter());
    const greeter = loadOnFirstCall<Greeter>(load, { greet: true, count: true });
    await expect(greeter.greet('Ana')).rejects.toThrow('no credentials');
    await expect(greeter.greet('Ana')).resolves.toBe('hola Ana');
  });

  it('is not a thenable and has no lifecycle hooks, so Nest neither awaits nor initialises it', () => {
    const greeter = loadOnFirstCall<Greeter>(async () => new RealGreeter(), { greet: true, count: true }) as unknown as Record<string, unknown>;
    expect(Object.keys(greeter).sort()).toEqual(['count', 'greet']);
    expect(greeter.then).toBeUndefined();
    expect(greeter.onModuleInit).toBeUndefined();
  });
});
