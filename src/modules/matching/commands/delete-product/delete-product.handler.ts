import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { dropLookupKeys } from '../../application/rekey-lookup';
import { ProductNotFoundError } from '../../domain/matching.errors';
import { PRODUCT_REPOSITORY, ProductRepository } from '../../domain/product-repository.port';
import { SKU_LOOKUP, SkuLookup } from '../../domain/sku-lookup.port';
import { DeleteProductCommand } from './delete-product.command';

@CommandHandler(DeleteProductCommand)
export class DeleteProductHandler implements ICommandHandler<DeleteProductCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(SKU_LOOKUP) private readonly lookup: SkuLookup,
  ) {}

  async execute({ tenantId, sku }: DeleteProductCommand): Promise<void> {
    const deleted = await this.products.delete(tenantId, sku);
    if (!deleted) throw new ProductNotFoundError(sku);
    await dropLookupKeys(this.lookup, tenantId, sku, deleted);
  }
}
