import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Execution } from '../../domain/execution';
import { EXECUTION_REPOSITORY, ExecutionRepository } from '../../domain/execution-repository.port';
import { loadExecution } from '../load-execution';
import { GetExecutionQuery } from './get-execution.query';

@QueryHandler(GetExecutionQuery)
export class GetExecutionHandler implements IQueryHandler<GetExecutionQuery> {
  constructor(@Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository) {}

  execute({ tenantId, executionId }: GetExecutionQuery): Promise<Execution> {
    return loadExecution(this.executions, tenantId, executionId);
  }
}
