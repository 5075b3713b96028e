import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bootstrap/create-app';
import { buildOpenApiDocument } from '../bootstrap/openapi';

/** Writes openapi.json from the same document /docs serves, on a scratch database. */
async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'mercantil-openapi-'));
  const app = await createApp({ ...process.env, DATA_DIR: scratch, DATABASE_URL: undefined, LOG_LEVEL: 'warn', SEED_DEMO: 'false' });
  try {
    await app.init();
    const out = process.argv[2] ?? 'openapi.json';
    writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    console.log(`Wrote ${out}`);
  } finally {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
