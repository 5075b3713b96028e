import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ANALYTICS_REPORTS_QUEUE } from '../../../../common/queue/queue-definition';
import { QUEUE, Queue } from '../../../../common/queue/queue.port';
import { compileReport } from '../../domain/report-compiler';
import { REPORT_JOBS, ReportJob, ReportJobs } from '../../domain/report-jobs.port';
import type { ReportJobMessage } from '../../jobs/report-job.message';
import { StartReportJobCommand } from './start-report-job.command';

@CommandHandler(StartReportJobCommand)
export class StartReportJobHandler implements ICommandHandler<StartReportJobCommand> {
  constructor(
    @Inject(REPORT_JOBS) private readonly jobs: ReportJobs,
    @Inject(QUEUE) private readonly queue: Queue,
  ) {}

  async execute({ tenantId, request }: StartReportJobCommand): Promise<ReportJob> {
    // Refused now (400), not later in the worker.
    compileReport(tenantId, request);
    const job = await this.jobs.create({ jobId: randomUUID(), tenantId, request });
    const message: ReportJobMessage = { tenantId, jobId: job.jobId };
    await this.queue.send(ANALYTICS_REPORTS_QUEUE, message, { deduplicationId: job.jobId });
    return job;
  }
}
