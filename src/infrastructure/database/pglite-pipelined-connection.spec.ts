import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Pool } from 'pg';
import { pipelineExtendedProtocol } from './pglite-pipelined-connection';

describe('pipelineExtendedProtocol', () => {
  let pglite: PGlite;
  let pool: Pool;

  beforeAll(async () => {
    pglite = await PGlite.create();
    const { connection } = createPgConfig(pglite);
    pipelineExtendedProtocol(connection, pglite);
    pool = new Pool({ connection, max: 1 } as ConstructorParameters<typeof Pool>[0]);
    await pool.query('CREATE TABLE t (id int PRIMARY KEY)');
  });
  afterAll(async () => {
    await pool.end();
    await pglite.close();
  });

  it('keeps the only connection usable after a parameterised statement fails', async () => {
    await pool.query('INSERT INTO t VALUES ($1)', [1]);
    await expect(pool.query('INSERT INTO t VALUES ($1)', [1])).rejects.toThrow(/duplicate key/);
    await expect(pool.query('SELECT $1::int / 0', [1])).rejects.toThrow(/division by zero/);
    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }]);
    expect((await pool.query('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
  });

  it('runs a failing and a good statement in one transaction, then rolls back', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO t VALUES ($1)', [2]);
      await expect(client.query('INSERT INTO t VALUES ($1)', [2])).rejects.toThrow(/duplicate key/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query('SELECT array_agg(id ORDER BY id) AS ids FROM t')).rows).toEqual([{ ids: [1] }]);
  });
});
