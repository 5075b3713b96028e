import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ConfirmLineMatchCommand } from './commands/confirm-line-match/confirm-line-match.command';
import { ConfirmMatchDto, ReviewItemResponseDto, ReviewPageResponseDto } from './dto/review.dto';
import { ListReviewItemsQuery } from './queries/list-review-items/list-review-items.query';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto';

@ApiTags('matching')
@ApiBearerAuth()
@Controller({ path: 'matching/review', version: '1' })
export class MatchingReviewController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: ReviewPageResponseDto, description: 'Pending items, oldest first' })
  @ApiErrorResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<ReviewPageResponseDto> {
    const page = await this.queries.execute(new ListReviewItemsQuery(principal.tenantId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
    return { items: page.items.map(ReviewItemResponseDto.from), nextCursor: page.nextCursor };
  }

  @Post(':lineId')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewItemResponseDto, description: 'Resolved; the description is now an alias of the SKU' })
  @ApiErrorResponses(400, 404, 422)
  async confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('lineId') lineId: string,
    @Body() body: ConfirmMatchDto,
  ): Promise<ReviewItemResponseDto> {
    return ReviewItemResponseDto.from(await this.commands.execute(new ConfirmLineMatchCommand(principal.tenantId, lineId, body.sku)));
  }
}
