import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { Cached } from '../../../../common/cache/cached.decorator';
import { lakeTableCacheTag } from '../../../../common/lake/lake-cache-tag';
import { ANALYTICS_CACHE_NAMESPACE } from '../../domain/analytics-cache';
import { ANALYTICS_ENGINE, AnalyticsEngine } from '../../domain/analytics-engine.port';
import { compileReport } from '../../domain/report-compiler';
import { ReportResult, shapeReport } from '../../domain/report-result';
import { RunReportQuery } from './run-report.query';

/** The request's identity for the cache: its JSON, hashed (a request may be long). */
export function requestDigest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

@QueryHandler(RunReportQuery)
export class RunReportHandler implements IQueryHandler<RunReportQuery> {
  constructor(@Inject(ANALYTICS_ENGINE) private readonly engine: AnalyticsEngine) {}

  @Cached({
    namespace: ANALYTICS_CACHE_NAMESPACE,
    key: (q: RunReportQuery) => ['report', q.tenantId, requestDigest(q.request)],
    tags: (q: RunReportQuery) => [lakeTableCacheTag(q.tenantId, compileReport(q.tenantId, q.request).query.tables[0])],
  })
  async execute({ tenantId, request }: RunReportQuery): Promise<ReportResult> {
    const compiled = compileReport(tenantId, request);
    return shapeReport(compiled, await this.engine.run(compiled.query));
  }
}
