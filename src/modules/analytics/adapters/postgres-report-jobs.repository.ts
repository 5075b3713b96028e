import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import { ReportJob, ReportJobs } from '../domain/report-jobs.port';

interface JobRow {
  job_id: string;
  tenant_id: string;
  request: ReportJob['request'];
  status: ReportJob['status'];
  result_key: string | null;
  row_count: number | null;
  error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const COLUMNS = 'job_id, tenant_id, request, status, result_key, row_count, error, created_at, completed_at';

@Injectable()
export class PostgresReportJobs implements ReportJobs {
  constructor(private readonly db: DataSource) {}

  async create(job: Pick<ReportJob, 'jobId' | 'tenantId' | 'request'>): Promise<ReportJob> {
    const { rows } = await runSql<JobRow>(
      this.db,
      `INSERT INTO analytics_report_jobs (job_id, tenant_id, request, status) VALUES ($1, $2, $3, 'queued') RETURNING ${COLUMNS}`,
      [job.jobId, job.tenantId, JSON.stringify(job.request)],
    );
    return toJob(rows[0]);
  }

  async find(tenantId: string, jobId: string): Promise<ReportJob | null> {
    const { rows } = await runSql<JobRow>(this.db, `SELECT ${COLUMNS} FROM analytics_report_jobs WHERE tenant_id = $1 AND job_id::text = $2`, [tenantId, jobId]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async markRunning(jobId: string): Promise<void> {
    await runSql(this.db, `UPDATE analytics_report_jobs SET status = 'running', updated_at = now() WHERE job_id = $1 AND status = 'queued'`, [jobId]);
  }

  async finish(jobId: string, outcome: Parameters<ReportJobs['finish']>[1]): Promise<void> {
    const [resultKey, rowCount, error] = outcome.status === 'succeeded' ? [outcome.resultKey, outcome.rowCount, null] : [null, null, outcome.error];
    await runSql(
      this.db,
      `UPDATE analytics_report_jobs SET status = $2, result_key = $3, row_count = $4, error = $5, completed_at = now(), updated_at = now()
       WHERE job_id = $1 AND status IN ('queued', 'running')`,
      [jobId, outcome.status, resultKey, rowCount, error],
    );
  }
}

function toJob(row: JobRow): ReportJob {
  return {
    jobId: row.job_id,
    tenantId: row.tenant_id,
    request: row.request,
    status: row.status,
    resultKey: row.result_key,
    rowCount: row.row_count,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}
