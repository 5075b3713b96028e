import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { NotFoundError } from '../../common/errors/application-errors';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { wantsCsv } from '../../common/http/wants-csv';
import { StartReportJobCommand } from './commands/start-report-job/start-report-job.command';
import { ANALYTICS_ENGINE, AnalyticsEngine } from './domain/analytics-engine.port';
import type { ReportJob } from './domain/report-jobs.port';
import { ReportResult, reportCsv } from './domain/report-result';
import { AnalyticsRangeDto, ReportOutputDto } from './dto/analytics-query.dto';
import { ReportRequestDto } from './dto/report-request.dto';
import { AnalyticsSummary } from './queries/get-analytics-summary/analytics-summary';
import { GetAnalyticsSummaryQuery } from './queries/get-analytics-summary/get-analytics-summary.query';
import { GetReportJobQuery } from './queries/get-report-job/get-report-job.query';
import { RunReportQuery } from './queries/run-report/run-report.query';

/**
 * Analytics over the data lake. The path names the tenant (as the seed API does), but the
 * tenant queried is always the token's: another tenant's path is 404, as if it did not exist.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller({ path: 'analytics', version: VERSION_NEUTRAL })
export class AnalyticsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(ANALYTICS_ENGINE) private readonly engine: AnalyticsEngine,
  ) {}

  @Get(':tenantId')
  @ApiOkResponse({ description: 'Totals, averages and counts of sales, orders and invoices over the days from..to (UTC, inclusive)' })
  @ApiErrorResponses(400, 404)
  async summary(@CurrentPrincipal() principal: Principal, @Param('tenantId') tenantId: string, @Query() range: AnalyticsRangeDto): Promise<AnalyticsSummary> {
    return this.queries.execute(new GetAnalyticsSummaryQuery(ownTenant(principal, tenantId), range.from, range.to));
  }

  @Post(':tenantId/report')
  @HttpCode(200)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The report: JSON, or CSV with Accept: text/csv or ?format=csv' })
  @ApiAcceptedResponse({ description: 'Queued (?async=true, or an engine whose queries are slow); poll the Location' })
  @ApiErrorResponses(400, 404)
  async report(
    @CurrentPrincipal() principal: Principal,
    @Param('tenantId') tenantId: string,
    @Body() request: ReportRequestDto,
    @Query() output: ReportOutputDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportResult | ReturnType<typeof jobStatus> | string> {
    const tenant = ownTenant(principal, tenantId);
    if (output.async ?? this.engine.slow) {
      const job = await this.commands.execute(new StartReportJobCommand(tenant, request));
      res.status(202).location(statusUrl(job)).setHeader('Retry-After', '1');
      return jobStatus(job);
    }
    const result = await this.queries.execute(new RunReportQuery(tenant, request));
    return wantsCsv(output.format, accept) ? csv(res, result, request.dataset) : result;
  }

  @Get(':tenantId/reports/:jobId')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'A finished job: its status and, when it succeeded, the result (JSON or CSV)' })
  @ApiAcceptedResponse({ description: 'Still queued or running' })
  @ApiErrorResponses(404)
  async job(
    @CurrentPrincipal() principal: Principal,
    @Param('tenantId') tenantId: string,
    @Param('jobId') jobId: string,
    @Query() output: ReportOutputDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReturnType<typeof jobStatus> | (ReturnType<typeof jobStatus> & { result: ReportResult | null }) | string> {
    const { job, result } = await this.queries.execute(new GetReportJobQuery(ownTenant(principal, tenantId), jobId));
    if (job.status === 'queued' || job.status === 'running') {
      res.status(202).setHeader('Retry-After', '1');
      return jobStatus(job);
    }
    if (result && wantsCsv(output.format, accept)) return csv(res, result, job.request.dataset);
    return { ...jobStatus(job), result };
  }
}

function ownTenant(principal: Principal, tenantId: string): string {
  if (principal.tenantId !== tenantId) throw new NotFoundError(`Tenant ${tenantId} not found`);
  return principal.tenantId;
}

function statusUrl(job: ReportJob): string {
  return `/analytics/${encodeURIComponent(job.tenantId)}/reports/${job.jobId}`;
}

function jobStatus(job: ReportJob) {
  const { jobId, status, rowCount, error, createdAt, completedAt } = job;
  return { jobId, status, statusUrl: statusUrl(job), rowCount, error, createdAt, completedAt };
}

function csv(res: Response, result: ReportResult, dataset: string): string {
  res.type('text/csv; charset=utf-8');
  res.attachment(`${dataset}-report.csv`);
  return reportCsv(result);
}
