import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * With BENCH_DATABASE_URL set, a fresh database beside it for one run (dropped afterwards),
 * so benches never measure or disturb existing data; without it, the app's embedded PGlite.
 */
export async function scratchDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL;
  if (!admin) return { env: {}, drop: async () => undefined };
  const name = `mercantil_bench_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => run(`DROP DATABASE ${name} WITH (FORCE)`) };
}
