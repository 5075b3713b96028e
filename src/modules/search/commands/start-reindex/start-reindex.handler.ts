import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../../common/errors/application-errors';
import { SEARCH_REINDEX_QUEUE } from '../../../../common/queue/queue-definition';
import { QUEUE, Queue } from '../../../../common/queue/queue.port';
import { REINDEX_JOB_REPOSITORY, ReindexJob, ReindexJobRepository } from '../../domain/reindex-job';
import type { SearchReindexMessage } from '../../reindex/search-reindex.consumer';
import { StartReindexCommand } from './start-reindex.command';

@CommandHandler(StartReindexCommand)
export class StartReindexHandler implements ICommandHandler<StartReindexCommand> {
  constructor(
    @Inject(REINDEX_JOB_REPOSITORY) private readonly jobs: ReindexJobRepository,
    @Inject(QUEUE) private readonly queue: Queue,
  ) {}

  async execute({ tenantId }: StartReindexCommand): Promise<ReindexJob> {
    const jobId = randomUUID();
    const job = await this.jobs.create(tenantId, jobId);
    if (!job) throw new ConflictError('A reindex of this tenant is already queued or running');
    try {
      await this.queue.send<SearchReindexMessage>(SEARCH_REINDEX_QUEUE, { tenantId, jobId }, { deduplicationId: jobId });
    } catch (error) {
      // Without its message the job would stay queued forever and block the next reindex.
      await this.jobs.fail(jobId, `Could not queue the reindex: ${(error as Error).message}`);
      throw error;
    }
    return job;
  }
}
