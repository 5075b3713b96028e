import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProductNotFoundError } from '../../domain/matching.errors';
import type { Product } from '../../domain/product';
import { PRODUCT_REPOSITORY, ProductRepository } from '../../domain/product-repository.port';
import { GetProductQuery } from './get-product.query';

@QueryHandler(GetProductQuery)
export class GetProductHandler implements IQueryHandler<GetProductQuery> {
  constructor(@Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository) {}

  async execute({ tenantId, sku }: GetProductQuery): Promise<Product> {
    const product = await this.products.get(tenantId, sku);
    if (!product) throw new ProductNotFoundError(sku);
    return product;
  }
}
