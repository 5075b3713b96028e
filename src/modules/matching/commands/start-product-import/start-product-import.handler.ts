import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ProductImportRunner } from '../../application/product-import.runner';
import { PRODUCT_IMPORT_REPOSITORY, ProductImport, ProductImportRepository } from '../../domain/product-import';
import { parseProductCsv } from './product-csv.parser';
import { StartProductImportCommand } from './start-product-import.command';

@CommandHandler(StartProductImportCommand)
export class StartProductImportHandler implements ICommandHandler<StartProductImportCommand> {
  constructor(
    @Inject(PRODUCT_IMPORT_REPOSITORY) private readonly imports: ProductImportRepository,
    private readonly runner: ProductImportRunner,
  ) {}

  async execute({ tenantId, csv }: StartProductImportCommand): Promise<ProductImport> {
    const records = parseProductCsv(csv);
    const importId = randomUUID();
    await this.imports.create({ importId, tenantId, total: records.length });
    const job = await this.imports.get(tenantId, importId);
    this.runner.start(tenantId, importId, records);
    return job as ProductImport;
  }
}
