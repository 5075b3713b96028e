import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every product write bumps its version, so change-feed consumers can tell newer from older. */
export class ProductVersions1700000007000 implements MigrationInterface {
  name = 'ProductVersions1700000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products ADD COLUMN version bigint NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP COLUMN version`);
  }
}
