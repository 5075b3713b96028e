type AsyncPort<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * An adapter that is built on its first call instead of at boot, so its module and the SDK it
 * imports cost nothing to a cold start that never uses it (a Lambda serving GET /health does
 * not need S3, DynamoDB or OpenSearch). Only for ports whose every member is an async method;
 * `methods` must name them all, which the compiler checks. A failed build is retried on the next call.
 */
export function loadOnFirstCall<T extends AsyncPort<T>>(load: () => Promise<T>, methods: Record<keyof T, true>): T {
  let adapter: Promise<T> | undefined;
  const loaded = () =>
    (adapter ??= load().catch((error: unknown) => {
      adapter = undefined;
      throw error;
    }));
  const forward = (name: keyof T) => async (...args: never[]) => {
    const target = await loaded();
    return target[name](...args);
  };
  return Object.fromEntries(Object.keys(methods).map((name) => [name, forward(name as keyof T)])) as unknown as T;
}
