import { spawnSync } from 'node:child_process';
import Redis from 'ioredis';

/** The machine's Redis (CI and dev machines run one on the default port). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Why Redis cannot be used, or null when it answers PING. Synchronous, because Jest must know
 * whether to skip while it collects the suites; a child process does the network round trip.
 */
export function redisUnavailableReason(url = TEST_REDIS_URL): string | null {
  const probe = `
    const Redis = require('ioredis');
    const client = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
    let cause;
    client.on('error', (error) => (cause ??= error.message));
    client.connect().then(() => client.ping()).then(
      (pong) => { console.log(pong); client.disconnect(); },
      (error) => { console.log(cause ?? error.message); client.disconnect(); process.exitCode = 1; },
    );`;
  const result = spawnSync(process.execPath, ['-e', probe, url], { encoding: 'utf8', timeout: 10_000 });
  if (result.status === 0 && result.stdout.trim() === 'PONG') return null;
  return `no Redis answered PING at ${url} (set TEST_REDIS_URL to use another): ${(result.stdout + result.stderr).trim() || result.error?.message}`;
}

/** Deletes every key under a prefix (a test run's keys), with SCAN rather than KEYS to spare a shared server. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    for await (const keys of client.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await client.del(...(keys as string[]));
    }
  } finally {
    client.disconnect();
  }
}
