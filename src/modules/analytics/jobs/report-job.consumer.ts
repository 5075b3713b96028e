import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { QueueConsumer, QueueMessageHandler } from '../../../common/queue/queue-consumer';
import { ANALYTICS_REPORTS_QUEUE, QUEUE_DEFINITIONS } from '../../../common/queue/queue-definition';
import { QueueMessage } from '../../../common/queue/queue.port';
import { OBJECT_STORAGE, ObjectStorage } from '../../../common/storage/object-storage.port';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { REPORT_JOBS, ReportJobs } from '../domain/report-jobs.port';
import { RunReportQuery } from '../queries/run-report/run-report.query';
import { ReportJobMessage, reportResultKey } from './report-job.message';

const MAX_ATTEMPTS = QUEUE_DEFINITIONS.find((q) => q.name === ANALYTICS_REPORTS_QUEUE)!.maxAttempts;

/**
 * Runs a queued report and stores its result. Redelivery-safe: a finished job is left as it
 * is, the result key is the job's own (a re-run overwrites the same object), and the outcome
 * is recorded once. A failure is retried; the last attempt records it on the job.
 */
@Injectable()
@QueueConsumer(ANALYTICS_REPORTS_QUEUE)
export class ReportJobConsumer implements QueueMessageHandler<ReportJobMessage> {
  private readonly logger = new Logger(ReportJobConsumer.name);

  constructor(
    private readonly queries: QueryBus,
    @Inject(REPORT_JOBS) private readonly jobs: ReportJobs,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(message: QueueMessage<ReportJobMessage>): Promise<void> {
    const { tenantId, jobId } = message.body ?? ({} as Partial<ReportJobMessage>);
    if (typeof tenantId !== 'string' || typeof jobId !== 'string') throw new Error(`Message ${message.id} on ${ANALYTICS_REPORTS_QUEUE} lacks tenantId or jobId`);
    const job = await this.jobs.find(tenantId, jobId);
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    await this.jobs.markRunning(jobId);
    try {
      // The tenant is the job's, stored from the caller's token when it was queued.
      const result = await this.queries.execute(new RunReportQuery(job.tenantId, job.request));
      const key = reportResultKey(job.tenantId, jobId);
      await this.storage.put(this.config.storage.buckets.dataLake, key, Buffer.from(JSON.stringify(result)), { contentType: 'application/json' });
      await this.jobs.finish(jobId, { status: 'succeeded', resultKey: key, rowCount: result.rows.length });
    } catch (error) {
      if (message.attempt < MAX_ATTEMPTS) throw error;
      this.logger.warn({ jobId, err: error }, 'analytics report failed on its last attempt');
      await this.jobs.finish(jobId, { status: 'failed', error: (error as Error).message });
    }
  }
}
