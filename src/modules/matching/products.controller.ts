import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CreateProductCommand } from './commands/create-product/create-product.command';
import { DeleteProductCommand } from './commands/delete-product/delete-product.command';
import { ReplaceProductCommand } from './commands/replace-product/replace-product.command';
import { StartProductImportCommand } from './commands/start-product-import/start-product-import.command';
import { readCsvUpload, UploadedCsv } from './csv-upload';
import { ListProductsQueryDto } from './dto/list-products-query.dto';
import { CreateProductDto, ReplaceProductDto, toProductFields } from './dto/product-input.dto';
import { ProductImportResponseDto, ProductPageResponseDto, ProductResponseDto } from './dto/product-response.dto';
import { GetProductImportQuery } from './queries/get-product-import/get-product-import.query';
import { GetProductQuery } from './queries/get-product/get-product.query';
import { ListProductsQuery } from './queries/list-products/list-products.query';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller({ path: 'products', version: '1' })
export class ProductsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ProductResponseDto })
  @ApiErrorResponses(400, 409)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProductDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProductResponseDto> {
    const product = await this.commands.execute(new CreateProductCommand(principal.tenantId, toProductFields(body.sku, body)));
    res.location(`/v1/products/${product.sku}`);
    return ProductResponseDto.from(product);
  }

  @Post('import')
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiAcceptedResponse({ type: ProductImportResponseDto, description: 'Started; poll the Location for progress' })
  @ApiErrorResponses(400, 413)
  async import(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @UploadedFile() file: UploadedCsv | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProductImportResponseDto> {
    const csv = await readCsvUpload(req, file, this.config.storage.maxUploadBytes);
    const job = await this.commands.execute(new StartProductImportCommand(principal.tenantId, csv));
    res.location(`/v1/products/imports/${job.importId}`);
    return ProductImportResponseDto.from(job);
  }

  @Get('imports/:id')
  @ApiOkResponse({ type: ProductImportResponseDto })
  @ApiErrorResponses(404)
  async importStatus(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ProductImportResponseDto> {
    return ProductImportResponseDto.from(await this.queries.execute(new GetProductImportQuery(principal.tenantId, id)));
  }

  @Get()
  @ApiOkResponse({ type: ProductPageResponseDto, description: 'By sku' })
  @ApiErrorResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListProductsQueryDto): Promise<ProductPageResponseDto> {
    const page = await this.queries.execute(
      new ListProductsQuery(principal.tenantId, {
        q: query.q,
        supplierId: query.supplierId,
        category: query.category,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
        cursor: query.cursor,
      }),
    );
    return { items: page.items.map(ProductResponseDto.from), nextCursor: page.nextCursor };
  }

  @Get(':sku')
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiErrorResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('sku') sku: string): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.queries.execute(new GetProductQuery(principal.tenantId, sku)));
  }

  @Put(':sku')
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiErrorResponses(400, 404)
  async replace(
    @CurrentPrincipal() principal: Principal,
    @Param('sku') sku: string,
    @Body() body: ReplaceProductDto,
  ): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.commands.execute(new ReplaceProductCommand(principal.tenantId, toProductFields(sku, body))));
  }

  @Delete(':sku')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its delete reaches the change feed' })
  @ApiErrorResponses(404)
  async delete(@CurrentPrincipal() principal: Principal, @Param('sku') sku: string): Promise<void> {
    await this.commands.execute(new DeleteProductCommand(principal.tenantId, sku));
  }
}
