import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newest version of each key the lake holds, per dataset: the lake writer writes a
 * version's objects only when it is newer than this, so an older or repeated change event
 * never overwrites newer data in an object that holds one entity's latest state.
 */
export class CreateLake1700000010000 implements MigrationInterface {
  name = 'CreateLake1700000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lake_watermarks (
        tenant_id text NOT NULL,
        dataset text NOT NULL,
        key text NOT NULL,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, dataset, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lake_watermarks`);
  }
}
