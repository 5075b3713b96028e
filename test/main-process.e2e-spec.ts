import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { freePort, waitForHealth } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** main.ts as a real process: boot banner, demo seed, and a clean exit on SIGTERM. */
describe('HTTP server process (src/main.ts)', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../src/main.ts')], {
      env: { ...process.env, ...database.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED_DEMO: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(`http://127.0.0.1:${port}/health`, child);
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('prints where the docs are and how to get a token, after seeding the demo tenant', () => {
    expect(output).toMatch(/Seeded 2 demo orders for tenant/);
    expect(output).toMatch(/API docs: http:\/\/localhost:\d+\/docs/);
    expect(output).toMatch(/npm run token -- --tenant demo --sub u1 --groups admin/);
  });

  it('shuts down gracefully on SIGTERM, closing the database', async () => {
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'close'); // 'close' waits for stdout to drain
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/Database closed/);
  });
});
