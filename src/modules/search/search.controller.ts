import { Controller, Get, Param, Query, VERSION_NEUTRAL } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { NotFoundError } from '../../common/errors/application-errors';
import {
  AutocompleteQueryDto,
  DEFAULT_SEARCH_PAGE_SIZE,
  DEFAULT_SUGGESTIONS,
  SearchAllQueryDto,
  SearchProductsQueryDto,
  SearchPurchasesQueryDto,
} from './dto/search-query.dto';
import { AutocompleteResponseDto, ProductSearchResponseDto, PurchaseSearchResponseDto, SearchAllResponseDto } from './dto/search-response.dto';
import { AutocompleteProductsQuery } from './queries/autocomplete-products/autocomplete-products.query';
import { SearchProductsQuery } from './queries/search-products/search-products.query';
import { SearchPurchasesQuery } from './queries/search-purchases/search-purchases.query';

/**
 * Search over one tenant's products and purchases. The tenant is in the path (as the
 * seed API has it) but must be the caller's own: any other answers 404, as if it did not exist.
 * Unversioned paths: /search/{tenantId}/...
 */
@ApiTags('search')
@ApiBearerAuth()
@Controller({ path: 'search/:tenantId', version: VERSION_NEUTRAL })
export class SearchController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: SearchAllResponseDto, description: 'Products and purchases matching q' })
  @ApiErrorResponses(400, 404)
  async all(@CurrentPrincipal() principal: Principal, @Param('tenantId') tenantId: string, @Query() query: SearchAllQueryDto): Promise<SearchAllResponseDto> {
    ownTenant(principal, tenantId);
    const page = { page: query.page ?? 1, pageSize: query.pageSize ?? DEFAULT_SEARCH_PAGE_SIZE };
    const [products, purchases] = await Promise.all([
      this.queries.execute(new SearchProductsQuery(tenantId, { q: query.q, sort: 'relevance', ...page })),
      this.queries.execute(new SearchPurchasesQuery(tenantId, { q: query.q, ...page })),
    ]);
    return { products, purchases };
  }

  @Get('products')
  @ApiOkResponse({ type: ProductSearchResponseDto })
  @ApiErrorResponses(400, 404)
  async products(
    @CurrentPrincipal() principal: Principal,
    @Param('tenantId') tenantId: string,
    @Query() query: SearchProductsQueryDto,
  ): Promise<ProductSearchResponseDto> {
    ownTenant(principal, tenantId);
    const { page, pageSize, sort, ...filters } = query;
    return this.queries.execute(
      new SearchProductsQuery(tenantId, { ...filters, sort: sort ?? 'relevance', page: page ?? 1, pageSize: pageSize ?? DEFAULT_SEARCH_PAGE_SIZE }),
    );
  }

  @Get('products/autocomplete')
  @ApiOkResponse({ type: AutocompleteResponseDto, description: 'Names starting with the prefix first, then names with a word that does' })
  @ApiErrorResponses(400, 404)
  async autocomplete(
    @CurrentPrincipal() principal: Principal,
    @Param('tenantId') tenantId: string,
    @Query() query: AutocompleteQueryDto,
  ): Promise<AutocompleteResponseDto> {
    ownTenant(principal, tenantId);
    return { suggestions: await this.queries.execute(new AutocompleteProductsQuery(tenantId, query.prefix, query.limit ?? DEFAULT_SUGGESTIONS)) };
  }

  @Get('purchases')
  @ApiOkResponse({ type: PurchaseSearchResponseDto, description: 'By relevance with q, newest first without' })
  @ApiErrorResponses(400, 404)
  async purchases(
    @CurrentPrincipal() principal: Principal,
    @Param('tenantId') tenantId: string,
    @Query() query: SearchPurchasesQueryDto,
  ): Promise<PurchaseSearchResponseDto> {
    ownTenant(principal, tenantId);
    const { page, pageSize, ...filters } = query;
    return this.queries.execute(new SearchPurchasesQuery(tenantId, { ...filters, page: page ?? 1, pageSize: pageSize ?? DEFAULT_SEARCH_PAGE_SIZE }));
  }
}

function ownTenant(principal: Principal, tenantId: string): void {
  if (principal.tenantId !== tenantId) throw new NotFoundError('Not found');
}
