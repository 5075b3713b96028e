import type { ReportRequest } from './report-request';

/** Reports run in the background (`?async=true`, or on a slow engine), polled at their status URL. */
export const REPORT_JOBS = Symbol('REPORT_JOBS');

export type ReportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ReportJob {
  jobId: string;
  tenantId: string;
  request: ReportRequest;
  status: ReportJobStatus;
  /** The result (a ReportResult as JSON) in the data-lake bucket, once succeeded. */
  resultKey: string | null;
  rowCount: number | null;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ReportJobs {
  create(job: Pick<ReportJob, 'jobId' | 'tenantId' | 'request'>): Promise<ReportJob>;
  /** Another tenant's job is not found. */
  find(tenantId: string, jobId: string): Promise<ReportJob | null>;
  /** Queued → running; a finished job stays finished (a redelivered message changes nothing). */
  markRunning(jobId: string): Promise<void>;
  /** Records the outcome once: a job already finished keeps its first outcome. */
  finish(jobId: string, outcome: { status: 'succeeded'; resultKey: string; rowCount: number } | { status: 'failed'; error: string }): Promise<void>;
}
