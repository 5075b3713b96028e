import { Query } from '@nestjs/cqrs';
import type { ProductListQuery, ProductPage } from '../../domain/product-repository.port';

export class ListProductsQuery extends Query<ProductPage> {
  constructor(
    readonly tenantId: string,
    readonly query: ProductListQuery,
  ) {
    super();
  }
}
