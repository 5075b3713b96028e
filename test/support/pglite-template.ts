import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * initdb costs seconds and hundreds of MB; tests instead copy one data dir that was
 * initialised once and cached under node_modules/.cache.
 */
export const PGLITE_TEMPLATE = resolve(__dirname, '../../node_modules/.cache/mercantil/pglite-template');

export async function ensurePgliteTemplate(): Promise<void> {
  if (existsSync(join(PGLITE_TEMPLATE, 'PG_VERSION'))) return;
  const { PGlite } = await import('@electric-sql/pglite');
  const staging = `${PGLITE_TEMPLATE}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const db = await PGlite.create(staging);
  await db.close();
  rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
  renameSync(staging, PGLITE_TEMPLATE);
}

export function copyPgliteTemplate(dataDir: string): void {
  cpSync(PGLITE_TEMPLATE, join(dataDir, 'pg'), { recursive: true });
}
