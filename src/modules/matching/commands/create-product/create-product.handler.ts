import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProductExistsError } from '../../domain/matching.errors';
import { rekeyLookup } from '../../application/rekey-lookup';
import type { Product } from '../../domain/product';
import { PRODUCT_REPOSITORY, ProductRepository } from '../../domain/product-repository.port';
import { SKU_LOOKUP, SkuLookup } from '../../domain/sku-lookup.port';
import { CreateProductCommand } from './create-product.command';

@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(SKU_LOOKUP) private readonly lookup: SkuLookup,
  ) {}

  async execute({ tenantId, product }: CreateProductCommand): Promise<Product> {
    const created = await this.products.create(tenantId, product);
    if (!created) throw new ProductExistsError(product.sku);
    await rekeyLookup(this.lookup, tenantId, [{ sku: created.sku, before: null, after: created }]);
    return created;
  }
}
