import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { wantsCsv } from '../../common/http/wants-csv';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireGroups } from '../../common/auth/require-groups.decorator';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { etagOf, expectedVersionFromIfMatch } from '../../common/http/etag';
import { CreateAgreementCommand } from './commands/create-agreement/create-agreement.command';
import { EndAgreementCommand } from './commands/end-agreement/end-agreement.command';
import { ExpectedVersion } from './commands/expected-version';
import { UpdateAgreementCommand } from './commands/update-agreement/update-agreement.command';
import type { AgreementProps } from './domain/agreement';
import type { CommissionStatement } from './domain/commission-statement';
import { CreateAgreementDto, UpdateAgreementDto } from './dto/agreement-input.dto';
import { AgreementPageResponseDto, AgreementResponseDto } from './dto/agreement-response.dto';
import { ListAgreementsQueryDto } from './dto/list-agreements-query.dto';
import { StatementQueryDto } from './dto/statement-query.dto';
import { StatementResponseDto } from './dto/statement-response.dto';
import { GetAgreementQuery } from './queries/get-agreement/get-agreement.query';
import { GetStatementQuery } from './queries/get-statement/get-statement.query';
import { statementCsv } from './queries/get-statement/statement.csv';
import { ListAgreementsQuery } from './queries/list-agreements/list-agreements.query';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto';

const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from a previous read, e.g. "3"' };

/** Writes are for admins; every member of the tenant may read agreements and statements. */
@ApiTags('commissions')
@ApiBearerAuth()
@Controller({ path: 'commissions', version: '1' })
export class CommissionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('agreements')
  @RequireGroups('admin')
  @ApiCreatedResponse({ type: AgreementResponseDto })
  @ApiErrorResponses(400, 409)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAgreementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementResponseDto> {
    const agreement = await this.commands.execute(new CreateAgreementCommand(principal.tenantId, body));
    res.location(`/v1/commissions/agreements/${agreement.agreementId}`);
    return respond(res, agreement);
  }

  @Get('agreements')
  @ApiOkResponse({ type: AgreementPageResponseDto, description: 'Newest first' })
  @ApiErrorResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListAgreementsQueryDto): Promise<AgreementPageResponseDto> {
    const page = await this.queries.execute(
      new ListAgreementsQuery(principal.tenantId, { supplierId: query.supplierId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor }),
    );
    return { items: page.items.map(AgreementResponseDto.from), nextCursor: page.nextCursor };
  }

  @Get('agreements/:id')
  @ApiOkResponse({ type: AgreementResponseDto })
  @ApiErrorResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<AgreementResponseDto> {
    return respond(res, await this.queries.execute(new GetAgreementQuery(principal.tenantId, id)));
  }

  @Put('agreements/:id')
  @RequireGroups('admin')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AgreementResponseDto })
  @ApiErrorResponses(400, 404, 409, 412)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateAgreementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementResponseDto> {
    const { version, ...terms } = body;
    const command = new UpdateAgreementCommand(principal.tenantId, id, terms, expectedVersion(ifMatch, version));
    return respond(res, await this.commands.execute(command));
  }

  @Delete('agreements/:id')
  @HttpCode(200)
  @RequireGroups('admin')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AgreementResponseDto, description: 'The agreement, now ended as of today (never hard-deleted)' })
  @ApiErrorResponses(400, 404, 409, 412)
  async end(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementResponseDto> {
    return respond(res, await this.commands.execute(new EndAgreementCommand(principal.tenantId, id, expectedVersion(ifMatch))));
  }

  @Get('statements')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StatementResponseDto, description: 'JSON, or CSV with Accept: text/csv or ?format=csv' })
  @ApiErrorResponses(400, 422)
  async statement(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StatementQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommissionStatement | string> {
    const statement = await this.queries.execute(new GetStatementQuery(principal.tenantId, query.supplierId, query.period, query.currency));
    if (!wantsCsv(query.format, accept)) return statement;
    res.type('text/csv; charset=utf-8');
    res.attachment(`commissions-${query.period}.csv`);
    return statementCsv(statement);
  }
}

function expectedVersion(ifMatch: string | undefined, bodyVersion?: number): ExpectedVersion | undefined {
  const fromHeader = expectedVersionFromIfMatch(ifMatch);
  if (fromHeader !== undefined) return { version: fromHeader, via: 'if-match' };
  return bodyVersion !== undefined ? { version: bodyVersion, via: 'body' } : undefined;
}

function respond(res: Response, agreement: AgreementProps): AgreementResponseDto {
  res.setHeader('ETag', etagOf(agreement.version));
  return AgreementResponseDto.from(agreement);
}
