import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueueConsumer, QueueMessageHandler } from '../../../common/queue/queue-consumer';
import { QUEUE_DEFINITIONS, SEARCH_REINDEX_QUEUE } from '../../../common/queue/queue-definition';
import type { QueueMessage } from '../../../common/queue/queue.port';
import { REINDEX_JOB_REPOSITORY, ReindexJobRepository } from '../domain/reindex-job';
import { SEARCH_INDEX, SearchIndex } from '../domain/search-index.port';
import { ReindexSource } from './reindex-source';

export interface SearchReindexMessage {
  tenantId: string;
  jobId: string;
}

const MAX_ATTEMPTS = QUEUE_DEFINITIONS.find((d) => d.name === SEARCH_REINDEX_QUEUE)!.maxAttempts;

/**
 * Rebuilds a tenant's index into a new generation while searches keep reading the live one,
 * then swaps. Every delivery starts over: it abandons whatever generation an earlier,
 * crashed delivery was building, so a redelivery converges on one complete index.
 */
@Injectable()
@QueueConsumer(SEARCH_REINDEX_QUEUE)
export class SearchReindexConsumer implements QueueMessageHandler<SearchReindexMessage> {
  private readonly logger = new Logger(SearchReindexConsumer.name);

  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(REINDEX_JOB_REPOSITORY) private readonly jobs: ReindexJobRepository,
    private readonly source: ReindexSource,
  ) {}

  async handle(message: QueueMessage<SearchReindexMessage>): Promise<void> {
    const { tenantId, jobId } = message.body;
    const job = await this.jobs.get(tenantId, jobId);
    if (!job || job.status === 'completed' || job.status === 'failed') return;
    if (job.generation) await this.index.abandon(tenantId, { generation: job.generation });
    const target = await this.index.beginReindex(tenantId);
    await this.jobs.start(jobId, target.generation);
    try {
      let processed = 0;
      for await (const changes of this.source.pages(tenantId)) {
        await this.index.load(tenantId, target, changes);
        processed += changes.length;
        await this.jobs.progress(jobId, processed);
      }
      await this.index.activate(tenantId, target);
      await this.jobs.complete(jobId, processed);
    } catch (error) {
      this.logger.error({ err: error, jobId, tenantId, attempt: message.attempt }, 'Search reindex failed');
      await this.index.abandon(tenantId, target);
      if (message.attempt < MAX_ATTEMPTS) throw error;
      await this.jobs.fail(jobId, (error as Error).message);
    }
  }
}
