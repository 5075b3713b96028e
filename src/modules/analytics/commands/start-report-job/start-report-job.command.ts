import { Command } from '@nestjs/cqrs';
import type { ReportJob } from '../../domain/report-jobs.port';
import type { ReportRequest } from '../../domain/report-request';

/** Queues a report to run in the background; `tenantId` is the caller's, from the token. */
export class StartReportJobCommand extends Command<ReportJob> {
  constructor(
    readonly tenantId: string,
    readonly request: ReportRequest,
  ) {
    super();
  }
}
