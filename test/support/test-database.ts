import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { copyPgliteTemplate } from './pglite-template';

export interface TestDatabase {
  /** Env overrides that point the app at this database. */
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one suite: a fresh database on the server named by
 * TEST_DATABASE_URL (CI's real Postgres), else a copied PGlite data dir.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mercantil-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    copyPgliteTemplate(dataDir);
    return { env: { DATA_DIR: dataDir }, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `mercantil_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dataDir,
    drop: async () => {
      await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs one query on a test database from outside the app (PGlite: only while no app has it open). */
export async function queryDatabase<T>(database: TestDatabase, text: string): Promise<T[]> {
  if (database.env.DATABASE_URL) {
    const client = new Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create(join(database.dataDir, 'pg'));
  try {
    return (await db.query<T>(text)).rows;
  } finally {
    await db.close();
  }
}
