import { Query } from '@nestjs/cqrs';
import type { ReindexJob } from '../../domain/reindex-job';

export class GetReindexJobQuery extends Query<ReindexJob> {
  constructor(
    readonly tenantId: string,
    readonly jobId: string,
  ) {
    super();
  }
}
