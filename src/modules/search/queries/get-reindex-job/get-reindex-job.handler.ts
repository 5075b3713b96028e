import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../../../common/errors/application-errors';
import { REINDEX_JOB_REPOSITORY, ReindexJob, ReindexJobRepository } from '../../domain/reindex-job';
import { GetReindexJobQuery } from './get-reindex-job.query';

@QueryHandler(GetReindexJobQuery)
export class GetReindexJobHandler implements IQueryHandler<GetReindexJobQuery> {
  constructor(@Inject(REINDEX_JOB_REPOSITORY) private readonly jobs: ReindexJobRepository) {}

  async execute({ tenantId, jobId }: GetReindexJobQuery): Promise<ReindexJob> {
    const job = await this.jobs.get(tenantId, jobId);
    if (!job) throw new NotFoundError(`Reindex job ${jobId} not found`);
    return job;
  }
}
