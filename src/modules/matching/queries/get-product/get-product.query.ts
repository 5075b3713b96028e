import { Query } from '@nestjs/cqrs';
import type { Product } from '../../domain/product';

export class GetProductQuery extends Query<Product> {
  constructor(
    readonly tenantId: string,
    readonly sku: string,
  ) {
    super();
  }
}
