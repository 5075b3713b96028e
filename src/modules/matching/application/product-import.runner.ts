import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type CsvRecord, validateProductRow } from '../commands/start-product-import/product-csv.parser';
import type { ProductFields } from '../domain/product';
import { PRODUCT_IMPORT_REPOSITORY, ProductImportRepository, RowError } from '../domain/product-import';
import { PRODUCT_REPOSITORY, ProductRepository } from '../domain/product-repository.port';
import { SKU_LOOKUP, SkuLookup } from '../domain/sku-lookup.port';
import { rekeyLookup } from './rekey-lookup';

/** Rows per multi-row upsert: large enough to amortise the round trip, small enough for frequent progress. */
export const IMPORT_BATCH_SIZE = 500;

/**
 * Runs imports in this process, batch by batch, recording progress after each batch.
 * Upserts by sku, so running the same file twice leaves the same catalog. A process that
 * dies mid-import leaves the job `running`; the file can simply be posted again.
 */
@Injectable()
export class ProductImportRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(ProductImportRunner.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(PRODUCT_IMPORT_REPOSITORY) private readonly imports: ProductImportRepository,
    @Inject(SKU_LOOKUP) private readonly lookup: SkuLookup,
  ) {}

  /** Starts the import and returns at once; its progress is read from the import repository. */
  start(tenantId: string, importId: string, records: CsvRecord[]): void {
    const run = this.run(tenantId, importId, records).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async run(tenantId: string, importId: string, records: CsvRecord[]): Promise<void> {
    try {
      for (let start = 0; start < records.length; start += IMPORT_BATCH_SIZE) {
        const batch = records.slice(start, start + IMPORT_BATCH_SIZE);
        const errors = await this.importBatch(tenantId, batch, start);
        await this.imports.progress(importId, batch.length, errors);
      }
      await this.products.refreshStatistics();
      await this.imports.finish(importId, 'completed');
    } catch (error) {
      this.logger.error({ err: error, importId }, 'Product import failed');
      await this.imports
        .finish(importId, 'failed', [{ row: 0, message: `Import stopped: ${(error as Error).message}` }])
        .catch((finishError: unknown) => this.logger.error({ err: finishError, importId }, 'Could not record the failed import'));
    }
  }

  private async importBatch(tenantId: string, batch: CsvRecord[], offset: number): Promise<RowError[]> {
    const errors: RowError[] = [];
    // A repeated sku within a batch keeps its last row, as two sequential upserts would.
    const bySku = new Map<string, ProductFields>();
    batch.forEach((record, i) => {
      const outcome = validateProductRow(record, offset + i + 1);
      if ('error' in outcome) errors.push(outcome.error);
      else bySku.set(outcome.product.sku, outcome.product);
    });
    const products = [...bySku.values()];
    const previous = new Map((await this.products.upsertMany(tenantId, products)).map((p) => [p.sku, p]));
    await rekeyLookup(this.lookup, tenantId, products.map((p) => ({ sku: p.sku, before: previous.get(p.sku) ?? null, after: p })));
    return errors;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
