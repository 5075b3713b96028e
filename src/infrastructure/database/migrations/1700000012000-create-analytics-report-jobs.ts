import { MigrationInterface, QueryRunner } from 'typeorm';

/** Analytics reports run as jobs: their request, status and where the result was stored. */
export class CreateAnalyticsReportJobs1700000012000 implements MigrationInterface {
  name = 'CreateAnalyticsReportJobs1700000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_report_jobs (
        job_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        request jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        result_key text,
        row_count integer,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX analytics_report_jobs_tenant ON analytics_report_jobs (tenant_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analytics_report_jobs`);
  }
}
