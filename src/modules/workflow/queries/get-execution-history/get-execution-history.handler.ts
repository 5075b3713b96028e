import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WORKFLOW_ENGINE, WorkflowEngine } from '../../domain/workflow-engine.port';
import { GetExecutionHistoryQuery, HistoryPage } from './get-execution-history.query';

@QueryHandler(GetExecutionHistoryQuery)
export class GetExecutionHistoryHandler implements IQueryHandler<GetExecutionHistoryQuery> {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  async execute({ tenantId, executionId, afterId, limit }: GetExecutionHistoryQuery): Promise<HistoryPage> {
    const events = await this.engine.history(tenantId, executionId, { afterId, limit: limit + 1 });
    const page = events.slice(0, limit);
    return { events: page, nextAfter: events.length > limit ? page[page.length - 1].id : null };
  }
}
