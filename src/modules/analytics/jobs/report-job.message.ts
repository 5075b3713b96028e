/** The analytics-reports queue's message: which job to run. */
export interface ReportJobMessage {
  tenantId: string;
  jobId: string;
}

/** The data-lake bucket's prefix of job results, outside every lake table (the report workers may write only here). */
export const REPORT_RESULTS_PREFIX = 'analytics-reports';

/** Where a job's result (a ReportResult as JSON) is kept in the data-lake bucket. */
export function reportResultKey(tenantId: string, jobId: string): string {
  return `${REPORT_RESULTS_PREFIX}/tenant=${encodeURIComponent(tenantId)}/${jobId}.json`;
}
