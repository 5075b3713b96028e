import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { RequireGroups } from '../../common/auth/require-groups.decorator';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { StartExecutionCommand } from './commands/start-execution/start-execution.command';
import type { StateMachine } from './domain/asl/asl-types';
import { ExecutionPageDto, ExecutionResponseDto, HistoryPageDto } from './dto/execution-response.dto';
import { ListExecutionsQueryDto } from './dto/list-executions-query.dto';
import { HistoryQueryDto } from './dto/history-query.dto';
import { StartExecutionDto } from './dto/start-execution.dto';
import { GetExecutionHistoryQuery } from './queries/get-execution-history/get-execution-history.query';
import { GetExecutionQuery } from './queries/get-execution/get-execution.query';
import { ListExecutionsQuery } from './queries/list-executions/list-executions.query';
import { GetWorkflowDefinitionQuery } from './queries/get-workflow-definition/get-workflow-definition.query';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto';

const ADMIN = 'admin';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller({ path: 'workflows', version: '1' })
export class WorkflowController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':name/executions')
  @RequireGroups(ADMIN)
  @ApiCreatedResponse({ type: ExecutionResponseDto, description: 'Started; 200 when the name already ran with the same input' })
  @ApiErrorResponses(400, 404, 409)
  async start(
    @CurrentPrincipal() principal: Principal,
    @Param('name') workflowName: string,
    @Body() body: StartExecutionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ExecutionResponseDto> {
    const started = await this.commands.execute(new StartExecutionCommand(principal.tenantId, workflowName, body.input ?? {}, body.name));
    res.status(started.created ? 201 : 200).location(`/v1/workflows/executions/${started.executionId}`);
    return ExecutionResponseDto.from(await this.queries.execute(new GetExecutionQuery(principal.tenantId, started.executionId)));
  }

  @Get(':name/executions')
  @RequireGroups(ADMIN)
  @ApiOkResponse({ type: ExecutionPageDto, description: 'Newest first. On Step Functions items carry no input, output, error or cause, and a page may be short' })
  @ApiErrorResponses(400, 404)
  async list(@CurrentPrincipal() principal: Principal, @Param('name') workflowName: string, @Query() query: ListExecutionsQueryDto): Promise<ExecutionPageDto> {
    const page = await this.queries.execute(
      new ListExecutionsQuery(principal.tenantId, { workflowName, name: query.name, status: query.status, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor }),
    );
    return { items: page.items.map(ExecutionResponseDto.from), nextCursor: page.nextCursor };
  }

  @Get('executions/:id')
  @RequireGroups(ADMIN)
  @ApiOkResponse({ type: ExecutionResponseDto })
  @ApiErrorResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ExecutionResponseDto> {
    return ExecutionResponseDto.from(await this.queries.execute(new GetExecutionQuery(principal.tenantId, id)));
  }

  @Get('executions/:id/history')
  @RequireGroups(ADMIN)
  @ApiOkResponse({ type: HistoryPageDto, description: 'Oldest first' })
  @ApiErrorResponses(400, 404)
  history(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.queries.execute(new GetExecutionHistoryQuery(principal.tenantId, id, query.after ?? 0, query.limit ?? 100));
  }

  @Get(':name/definition')
  @ApiOkResponse({ description: 'The Amazon States Language definition, as run here and on Step Functions' })
  @ApiErrorResponses(404)
  definition(@Param('name') workflowName: string): Promise<StateMachine> {
    return this.queries.execute(new GetWorkflowDefinitionQuery(workflowName));
  }
}
