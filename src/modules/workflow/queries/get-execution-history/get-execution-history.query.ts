import { Query } from '@nestjs/cqrs';
import { StoredHistoryEvent } from '../../domain/execution-repository.port';

export interface HistoryPage {
  events: StoredHistoryEvent[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: number | null;
}

export class GetExecutionHistoryQuery extends Query<HistoryPage> {
  constructor(
    readonly tenantId: string,
    readonly executionId: string,
    readonly afterId: number,
    readonly limit: number,
  ) {
    super();
  }
}
