import { Query } from '@nestjs/cqrs';
import { Execution } from '../../domain/execution';

export class GetExecutionQuery extends Query<Execution> {
  constructor(
    readonly tenantId: string,
    readonly executionId: string,
  ) {
    super();
  }
}
