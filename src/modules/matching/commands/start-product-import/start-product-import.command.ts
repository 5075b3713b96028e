import { Command } from '@nestjs/cqrs';
import type { ProductImport } from '../../domain/product-import';

/** Starts a bulk CSV import; the result is the job as first recorded (status `running`). */
export class StartProductImportCommand extends Command<ProductImport> {
  constructor(
    readonly tenantId: string,
    readonly csv: Buffer,
  ) {
    super();
  }
}
