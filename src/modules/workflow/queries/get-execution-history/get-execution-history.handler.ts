import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EXECUTION_REPOSITORY, ExecutionRepository } from '../../domain/execution-repository.port';
import { loadExecution } from '../load-execution';
import { GetExecutionHistoryQuery, HistoryPage } from './get-execution-history.query';

@QueryHandler(GetExecutionHistoryQuery)
export class GetExecutionHistoryHandler implements IQueryHandler<GetExecutionHistoryQuery> {
  constructor(@Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository) {}

  async execute({ tenantId, executionId, afterId, limit }: GetExecutionHistoryQuery): Promise<HistoryPage> {
    await loadExecution(this.executions, tenantId, executionId);
    const events = await this.executions.history(executionId, { afterId, limit: limit + 1 });
    const page = events.slice(0, limit);
    return { events: page, nextAfter: events.length > limit ? page[page.length - 1].id : null };
  }
}
