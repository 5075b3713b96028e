import { Command } from '@nestjs/cqrs';
import type { ReindexJob } from '../../domain/reindex-job';

/** Queues a rebuild of the tenant's search index; the job reports its progress. */
export class StartReindexCommand extends Command<ReindexJob> {
  constructor(readonly tenantId: string) {
    super();
  }
}
