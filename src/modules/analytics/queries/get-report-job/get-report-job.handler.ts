import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../../../common/errors/application-errors';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../common/storage/object-storage.port';
import { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { REPORT_JOBS, ReportJobs } from '../../domain/report-jobs.port';
import type { ReportResult } from '../../domain/report-result';
import { GetReportJobQuery, ReportJobView } from './get-report-job.query';

@QueryHandler(GetReportJobQuery)
export class GetReportJobHandler implements IQueryHandler<GetReportJobQuery> {
  constructor(
    @Inject(REPORT_JOBS) private readonly jobs: ReportJobs,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ tenantId, jobId }: GetReportJobQuery): Promise<ReportJobView> {
    const job = await this.jobs.find(tenantId, jobId);
    if (!job) throw new NotFoundError(`Report job ${jobId} not found`);
    if (job.status !== 'succeeded' || !job.resultKey) return { job, result: null };
    const stored = await this.storage.get(this.config.storage.buckets.dataLake, job.resultKey);
    if (!stored) throw new Error(`Report job ${jobId} succeeded but its result ${job.resultKey} is missing`);
    return { job, result: JSON.parse(stored.body.toString('utf8')) as ReportResult };
  }
}
