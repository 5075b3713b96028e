import { Query } from '@nestjs/cqrs';
import { ExecutionListQuery } from '../../domain/execution-repository.port';
import type { ExecutionViewPage } from '../../domain/workflow-engine.port';

export class ListExecutionsQuery extends Query<ExecutionViewPage> {
  constructor(
    readonly tenantId: string,
    readonly query: ExecutionListQuery,
  ) {
    super();
  }
}
