import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { etagOf, expectedVersionFromIfMatch } from '../../common/http/etag';
import { parseIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { CancelOrderCommand } from './commands/cancel-order/cancel-order.command';
import { CreateOrderCommand } from './commands/create-order/create-order.command';
import { ExpectedVersion } from './commands/expected-version';
import { UpdateOrderCommand } from './commands/update-order/update-order.command';
import type { OrderProps } from './domain/order';
import { ListOrdersQueryDto } from './dto/list-orders-query.dto';
import { CreateOrderDto, UpdateOrderDto } from './dto/order-input.dto';
import { OrderPageResponseDto, OrderResponseDto } from './dto/order-response.dto';
import { GetOrderQuery } from './queries/get-order/get-order.query';
import { ListOrdersQuery } from './queries/list-orders/list-orders.query';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto';

const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from a previous read, e.g. "3"' };

@ApiTags('orders')
@ApiBearerAuth()
@Controller({ path: 'orders', version: '1' })
export class OrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the same order' })
  @ApiCreatedResponse({ type: OrderResponseDto, description: 'Created (or replayed for a repeated Idempotency-Key)' })
  @ApiErrorResponses(400, 413, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderResponseDto> {
    const { order, replayed } = await this.commands.execute(
      new CreateOrderCommand(principal.tenantId, body, parseIdempotencyKey(idempotencyKey)),
    );
    res.location(`/v1/orders/${order.orderId}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return respond(res, order);
  }

  @Get()
  @ApiOkResponse({ type: OrderPageResponseDto, description: 'Newest first' })
  @ApiErrorResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrdersQueryDto): Promise<OrderPageResponseDto> {
    const page = await this.queries.execute(
      new ListOrdersQuery(principal.tenantId, {
        customerId: query.customerId,
        status: query.status,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
        cursor: query.cursor,
      }),
    );
    return { items: page.items.map(OrderResponseDto.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponses(404)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderResponseDto> {
    return respond(res, await this.queries.execute(new GetOrderQuery(principal.tenantId, id)));
  }

  @Put(':id')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponses(400, 404, 409, 412)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateOrderDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderResponseDto> {
    const { version, ...changes } = body;
    const command = new UpdateOrderCommand(principal.tenantId, id, changes, expectedVersion(ifMatch, version));
    return respond(res, await this.commands.execute(command));
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OrderResponseDto, description: 'The order, now CANCELLED (orders are never hard-deleted)' })
  @ApiErrorResponses(400, 404, 409, 412)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderResponseDto> {
    const command = new CancelOrderCommand(principal.tenantId, id, expectedVersion(ifMatch));
    return respond(res, await this.commands.execute(command));
  }
}

function expectedVersion(ifMatch: string | undefined, bodyVersion?: number): ExpectedVersion | undefined {
  const fromHeader = expectedVersionFromIfMatch(ifMatch);
  if (fromHeader !== undefined) return { version: fromHeader, via: 'if-match' };
  return bodyVersion !== undefined ? { version: bodyVersion, via: 'body' } : undefined;
}

function respond(res: Response, order: OrderProps): OrderResponseDto {
  res.setHeader('ETag', etagOf(order.version));
  return OrderResponseDto.from(order);
}
