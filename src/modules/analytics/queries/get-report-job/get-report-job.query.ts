import { Query } from '@nestjs/cqrs';
import type { ReportJob } from '../../domain/report-jobs.port';
import type { ReportResult } from '../../domain/report-result';

export interface ReportJobView {
  job: ReportJob;
  /** Once the job succeeded. */
  result: ReportResult | null;
}

export class GetReportJobQuery extends Query<ReportJobView> {
  constructor(
    readonly tenantId: string,
    readonly jobId: string,
  ) {
    super();
  }
}
