import { Command } from '@nestjs/cqrs';

/** Removes a product and its SKU-lookup keys; the change feed gets a delete carrying its last image. */
export class DeleteProductCommand extends Command<void> {
  constructor(
    readonly tenantId: string,
    readonly sku: string,
  ) {
    super();
  }
}
