import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProductImportNotFoundError } from '../../domain/matching.errors';
import { PRODUCT_IMPORT_REPOSITORY, ProductImport, ProductImportRepository } from '../../domain/product-import';
import { GetProductImportQuery } from './get-product-import.query';

@QueryHandler(GetProductImportQuery)
export class GetProductImportHandler implements IQueryHandler<GetProductImportQuery> {
  constructor(@Inject(PRODUCT_IMPORT_REPOSITORY) private readonly imports: ProductImportRepository) {}

  async execute({ tenantId, importId }: GetProductImportQuery): Promise<ProductImport> {
    const job = await this.imports.get(tenantId, importId);
    if (!job) throw new ProductImportNotFoundError(importId);
    return job;
  }
}
