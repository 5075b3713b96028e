import { Query } from '@nestjs/cqrs';
import type { ExecutionView } from '../../domain/workflow-engine.port';

export class GetExecutionQuery extends Query<ExecutionView> {
  constructor(
    readonly tenantId: string,
    readonly executionId: string,
  ) {
    super();
  }
}
