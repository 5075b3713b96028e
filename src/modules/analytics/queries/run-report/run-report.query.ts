import { Query } from '@nestjs/cqrs';
import type { ReportRequest } from '../../domain/report-request';
import type { ReportResult } from '../../domain/report-result';

/** Runs a report now. `tenantId` is the caller's, from the token. */
export class RunReportQuery extends Query<ReportResult> {
  constructor(
    readonly tenantId: string,
    readonly request: ReportRequest,
  ) {
    super();
  }
}
