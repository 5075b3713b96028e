import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { PostgresLakeWatermarks } from './adapters/postgres-lake-watermarks';
import { PostgresReportJobs } from './adapters/postgres-report-jobs.repository';
import { StartReportJobHandler } from './commands/start-report-job/start-report-job.handler';
import { LAKE_WATERMARKS } from './domain/lake-watermarks.port';
import { REPORT_JOBS } from './domain/report-jobs.port';
import { ReportJobConsumer } from './jobs/report-job.consumer';
import { GetAnalyticsSummaryHandler } from './queries/get-analytics-summary/get-analytics-summary.handler';
import { GetReportJobHandler } from './queries/get-report-job/get-report-job.handler';
import { RunReportHandler } from './queries/run-report/run-report.handler';
import { LakeChangeSubscriber } from './subscribers/lake-change.subscriber';

/**
 * Owns the data lake's purchases and products datasets, the lake table catalog, and the
 * analytics API over the lake (the engine is picked by the infrastructure module). Watermarks
 * and report jobs live in the relational store on every profile (Aurora on AWS), so the module
 * binds their Postgres adapters itself.
 */
@Module({
  controllers: [AnalyticsController],
  providers: [
    { provide: LAKE_WATERMARKS, useClass: PostgresLakeWatermarks },
    { provide: REPORT_JOBS, useClass: PostgresReportJobs },
    LakeChangeSubscriber,
    RunReportHandler,
    GetAnalyticsSummaryHandler,
    GetReportJobHandler,
    StartReportJobHandler,
    ReportJobConsumer,
  ],
})
export class AnalyticsModule {}
