import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import type { ReindexJob, ReindexJobRepository } from '../domain/reindex-job';

interface JobRow {
  job_id: string; tenant_id: string; status: ReindexJob['status']; processed: number; total: number | null; generation: string | null;
  error: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null;
}

const COLUMNS = 'job_id, tenant_id, status, processed, total, generation, error, created_at, started_at, finished_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PostgresReindexJobRepository implements ReindexJobRepository {
  constructor(private readonly db: DataSource) {}

  async create(tenantId: string, jobId: string): Promise<ReindexJob | null> {
    // The unique index over a tenant's queued and running jobs refuses a second one.
    const { rows } = await runSql<JobRow>(
      this.db,
      `INSERT INTO search_reindex_jobs (job_id, tenant_id, status) VALUES ($1, $2, 'queued') ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [jobId, tenantId],
    );
    return rows.length ? toJob(rows[0]) : null;
  }

  async get(tenantId: string, jobId: string): Promise<ReindexJob | null> {
    if (!UUID.test(jobId)) return null;
    const { rows } = await runSql<JobRow>(this.db, `SELECT ${COLUMNS} FROM search_reindex_jobs WHERE job_id = $1 AND tenant_id = $2`, [jobId, tenantId]);
    return rows.length ? toJob(rows[0]) : null;
  }

  async start(jobId: string, generation: string): Promise<void> {
    await runSql(
      this.db,
      `UPDATE search_reindex_jobs SET status = 'running', processed = 0, total = NULL, error = NULL, generation = $2,
         started_at = coalesce(started_at, now()) WHERE job_id = $1`,
      [jobId, generation],
    );
  }

  async progress(jobId: string, processed: number): Promise<void> {
    await runSql(this.db, `UPDATE search_reindex_jobs SET processed = $2 WHERE job_id = $1`, [jobId, processed]);
  }

  async complete(jobId: string, total: number): Promise<void> {
    await runSql(
      this.db,
      `UPDATE search_reindex_jobs SET status = 'completed', processed = $2, total = $2, finished_at = now() WHERE job_id = $1`,
      [jobId, total],
    );
  }

  async fail(jobId: string, error: string): Promise<void> {
    await runSql(this.db, `UPDATE search_reindex_jobs SET status = 'failed', error = $2, finished_at = now() WHERE job_id = $1`, [jobId, error]);
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toJob(r: JobRow): ReindexJob {
  return {
    jobId: r.job_id, tenantId: r.tenant_id, status: r.status, processed: r.processed, total: r.total, generation: r.generation, error: r.error,
    createdAt: r.created_at.toISOString(), startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
  };
}
