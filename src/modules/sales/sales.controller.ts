import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { InvalidInputError } from '../../common/errors/application-errors';
import { encodeCsv } from '../../common/lake/csv.encoder';
import { SUMMARY_CSV_COLUMNS, SupplierDailySummary } from './domain/daily-report';
import type { RealtimeMetrics } from './domain/realtime-metrics';
import { RealtimeMetricsResponseDto } from './dto/realtime-metrics-response.dto';
import { DAY_PATTERN, DailyReportsResponseDto, ReportFormatQueryDto, SupplierReportsQueryDto, SupplierReportsResponseDto } from './dto/sales-reports.dto';
import { GetDailyReportsQuery } from './queries/get-daily-reports/get-daily-reports.query';
import { GetRealtimeMetricsQuery } from './queries/get-realtime-metrics/get-realtime-metrics.query';
import { GetSupplierReportsQuery } from './queries/get-supplier-reports/get-supplier-reports.query';

const MAX_RANGE_DAYS = 366;
const SUPPLIER_ID = { name: 'supplierId', example: 'sup-1', description: "The supplier's id, or `unassigned` for sales of products without one" };

/** Every member of the tenant may read its sales; the tenant comes from the token. */
@ApiTags('sales')
@ApiBearerAuth()
@Controller({ path: 'sales', version: '1' })
export class SalesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('suppliers/:supplierId/metrics/realtime')
  @ApiParam(SUPPLIER_ID)
  @ApiOkResponse({ type: RealtimeMetricsResponseDto, description: 'Today (UTC), the current hour, and rolling 5- and 60-minute windows, per currency and product' })
  @ApiErrorResponses(400)
  realtime(@CurrentPrincipal() principal: Principal, @Param('supplierId') supplierId: string): Promise<RealtimeMetrics> {
    return this.queries.execute(new GetRealtimeMetricsQuery(principal.tenantId, supplierIdOf(supplierId)));
  }

  @Get('suppliers/:supplierId/reports')
  @ApiParam(SUPPLIER_ID)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SupplierReportsResponseDto, description: 'JSON, or CSV with Accept: text/csv or ?format=csv' })
  @ApiErrorResponses(400)
  async supplierReports(
    @CurrentPrincipal() principal: Principal,
    @Param('supplierId') supplierId: string,
    @Query() query: SupplierReportsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SupplierReportsResponseDto | string> {
    const { from, to } = query;
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (!(days >= 0 && days <= MAX_RANGE_DAYS)) throw new InvalidInputError(`to must be from or up to ${MAX_RANGE_DAYS} days after it`);
    const items = await this.queries.execute(new GetSupplierReportsQuery(principal.tenantId, supplierIdOf(supplierId), from, to));
    if (!wantsCsv(query, accept)) return { supplierId, from, to, items };
    return csv(res, `sales-${supplierId}-${from}-${to}.csv`, items);
  }

  @Get('reports/:date')
  @ApiParam({ name: 'date', example: '2026-03-01', description: 'A UTC day, YYYY-MM-DD' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DailyReportsResponseDto, description: "Every supplier's summary of the day; JSON, or CSV with Accept: text/csv or ?format=csv" })
  @ApiErrorResponses(400)
  async dailyReports(
    @CurrentPrincipal() principal: Principal,
    @Param('date') date: string,
    @Query() query: ReportFormatQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DailyReportsResponseDto | string> {
    if (!DAY_PATTERN.test(date)) throw new InvalidInputError('date must be a date YYYY-MM-DD');
    const items = await this.queries.execute(new GetDailyReportsQuery(principal.tenantId, date));
    if (!wantsCsv(query, accept)) return { date, items };
    return csv(res, `sales-${date}.csv`, items);
  }
}

function supplierIdOf(supplierId: string): string {
  if (supplierId.length > 128) throw new InvalidInputError('supplierId must be at most 128 characters');
  return supplierId;
}

function wantsCsv(query: ReportFormatQueryDto, accept: string | undefined): boolean {
  return query.format ? query.format === 'csv' : /\btext\/csv\b/.test(accept ?? '') && !/\bapplication\/json\b/.test(accept ?? '');
}

function csv(res: Response, filename: string, items: readonly SupplierDailySummary[]): string {
  res.type('text/csv; charset=utf-8');
  res.attachment(filename.replace(/[^A-Za-z0-9._-]/g, '_'));
  return encodeCsv(SUMMARY_CSV_COLUMNS, items);
}
