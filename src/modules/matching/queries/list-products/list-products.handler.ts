import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PRODUCT_REPOSITORY, ProductPage, ProductRepository } from '../../domain/product-repository.port';
import { ListProductsQuery } from './list-products.query';

@QueryHandler(ListProductsQuery)
export class ListProductsHandler implements IQueryHandler<ListProductsQuery> {
  constructor(@Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository) {}

  execute({ tenantId, query }: ListProductsQuery): Promise<ProductPage> {
    return this.products.list(tenantId, query);
  }
}
