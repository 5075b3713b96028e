export const REINDEX_JOB_REPOSITORY = Symbol('REINDEX_JOB_REPOSITORY');

export type ReindexJobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** An admin rebuild of one tenant's search index from the source of truth. */
export interface ReindexJob {
  jobId: string;
  tenantId: string;
  status: ReindexJobStatus;
  /** Documents loaded into the new generation so far. */
  processed: number;
  /** Known once the source has been read to the end. */
  total: number | null;
  /** The generation being built by the latest delivery, so a redelivery can abandon it. */
  generation: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ReindexJobRepository {
  /** Null when the tenant already has a queued or running reindex. */
  create(tenantId: string, jobId: string): Promise<ReindexJob | null>;
  get(tenantId: string, jobId: string): Promise<ReindexJob | null>;
  /** A (re)start: running, counts reset, the new generation recorded. */
  start(jobId: string, generation: string): Promise<void>;
  progress(jobId: string, processed: number): Promise<void>;
  complete(jobId: string, total: number): Promise<void>;
  fail(jobId: string, error: string): Promise<void>;
}
