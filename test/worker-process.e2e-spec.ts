import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { PostgresQueueAdapter } from '../src/infrastructure/queue/postgres-queue.adapter';
import { TEST_QUEUE, TEST_QUEUE_DEFINITION } from './support/queue-test-module';
import { createTestDatabase, TestDatabase } from './support/test-database';

async function waitForOutput(read: () => string, pattern: RegExp, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (child.exitCode !== null) throw new Error(`worker exited early with ${child.exitCode}:\n${read()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sharedDatabase = Boolean(process.env.TEST_DATABASE_URL);
if (!sharedDatabase) {
  console.warn('Worker process consumption case skipped: PGlite cannot be shared between processes; set TEST_DATABASE_URL to run it');
}

/** worker.ts as a real process (through a fixture that adds a test-only consumer). */
describe('Worker process (src/workers/worker.ts)', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, 'support/worker-fixture.ts')], {
      env: { ...process.env, ...database.env, LOG_LEVEL: 'info', ECHO_TO_STDOUT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForOutput(() => output, /Worker ready: consuming test-echo/, child);
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  (sharedDatabase ? it : it.skip)('consumes a message another process sends to the shared database', async () => {
    const db = await openDataSource(loadConfig(database.env));
    try {
      const queue = new PostgresQueueAdapter(db.dataSource, { definitions: [TEST_QUEUE_DEFINITION] });
      const id = await queue.send(TEST_QUEUE, { text: 'from another process' });
      await waitForOutput(() => output, new RegExp(`echo handled ${id} \\{"text":"from another process"\\}`), child, 10_000);
      const deadline = Date.now() + 5_000;
      while ((await queue.depth(TEST_QUEUE)).inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await queue.depth(TEST_QUEUE)).toMatchObject({ visible: 0, inFlight: 0 });
    } finally {
      await db.close();
    }
  });

  it('stops on SIGTERM: drains the worker, closes the database and exits 0', async () => {
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'close');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/Queue worker stopped/);
    expect(output).toMatch(/Database closed/);
  });
});
