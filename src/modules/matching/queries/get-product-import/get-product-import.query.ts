import { Query } from '@nestjs/cqrs';
import type { ProductImport } from '../../domain/product-import';

export class GetProductImportQuery extends Query<ProductImport> {
  constructor(
    readonly tenantId: string,
    readonly importId: string,
  ) {
    super();
  }
}
