/**
 * Embedded queue throughput: N messages sent, then received in batches and acked, on
 * PGlite (default) or the Postgres in DATABASE_URL. Prints messages per second.
 *   npm run bench:queue -- [messages=5000] [batch=10]
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { PostgresQueueAdapter } from '../src/infrastructure/queue/postgres-queue.adapter';

const QUEUE = 'bench';

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 5000);
  const batch = Number(process.argv[3] ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'mercantil-bench-queue-'));
  const db = await openDataSource(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL }));
  const queue = new PostgresQueueAdapter(db.dataSource, {
    definitions: [{ name: QUEUE, visibilityTimeoutSeconds: 60, maxAttempts: 5, backoff: { initialSeconds: 1, maxSeconds: 60 } }],
  });
  try {
    const started = performance.now();
    // Producer and consumer run together, as a workflow's steps do.
    const producer = (async () => {
      for (let i = 0; i < total; i++) await queue.send(QUEUE, { step: i, payload: { orderId: `o-${i}`, amount: '12.50' } });
    })();
    let done = 0;
    while (done < total) {
      const messages = await queue.receive(QUEUE, { maxMessages: batch, waitSeconds: 1 });
      await Promise.all(messages.map((m) => queue.ack(m)));
      done += messages.length;
    }
    await producer;
    const seconds = (performance.now() - started) / 1000;
    const backend = process.env.DATABASE_URL ? 'Postgres' : 'PGlite';
    console.log(`${backend}: ${total} messages sent + received (batches of ${batch}) + acked in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} msg/s`);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
