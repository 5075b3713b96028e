import { Command } from '@nestjs/cqrs';
import type { Product, ProductFields } from '../../domain/product';

export class CreateProductCommand extends Command<Product> {
  constructor(
    readonly tenantId: string,
    readonly product: ProductFields,
  ) {
    super();
  }
}
