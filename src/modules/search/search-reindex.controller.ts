import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { RequireGroups } from '../../common/auth/require-groups.decorator';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { StartReindexCommand } from './commands/start-reindex/start-reindex.command';
import { ReindexJobResponseDto } from './dto/reindex-job-response.dto';
import { GetReindexJobQuery } from './queries/get-reindex-job/get-reindex-job.query';

/** Admin rebuild of the caller's tenant's search index; searches keep being served meanwhile. */
@ApiTags('search')
@ApiBearerAuth()
@RequireGroups('admin')
@Controller({ path: 'search/reindex', version: '1' })
export class SearchReindexController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReindexJobResponseDto, description: 'Queued; poll the Location for progress' })
  @ApiErrorResponses(409)
  async start(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<ReindexJobResponseDto> {
    const job = await this.commands.execute(new StartReindexCommand(principal.tenantId));
    res.location(`/v1/search/reindex/${job.jobId}`);
    return ReindexJobResponseDto.from(job);
  }

  @Get(':jobId')
  @ApiOkResponse({ type: ReindexJobResponseDto })
  @ApiErrorResponses(404)
  async status(@CurrentPrincipal() principal: Principal, @Param('jobId') jobId: string): Promise<ReindexJobResponseDto> {
    return ReindexJobResponseDto.from(await this.queries.execute(new GetReindexJobQuery(principal.tenantId, jobId)));
  }
}
