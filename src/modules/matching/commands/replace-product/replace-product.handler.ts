import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { rekeyLookup } from '../../application/rekey-lookup';
import { ProductNotFoundError } from '../../domain/matching.errors';
import type { Product } from '../../domain/product';
import { PRODUCT_REPOSITORY, ProductRepository } from '../../domain/product-repository.port';
import { SKU_LOOKUP, SkuLookup } from '../../domain/sku-lookup.port';
import { ReplaceProductCommand } from './replace-product.command';

@CommandHandler(ReplaceProductCommand)
export class ReplaceProductHandler implements ICommandHandler<ReplaceProductCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(SKU_LOOKUP) private readonly lookup: SkuLookup,
  ) {}

  async execute({ tenantId, product }: ReplaceProductCommand): Promise<Product> {
    const replaced = await this.products.replace(tenantId, product);
    if (!replaced) throw new ProductNotFoundError(product.sku);
    await rekeyLookup(this.lookup, tenantId, [{ sku: product.sku, ...replaced }]);
    return replaced.after;
  }
}
