import { Query } from '@nestjs/cqrs';
import { ExecutionListQuery, ExecutionPage } from '../../domain/execution-repository.port';

export class ListExecutionsQuery extends Query<ExecutionPage> {
  constructor(
    readonly tenantId: string,
    readonly query: ExecutionListQuery,
  ) {
    super();
  }
}
