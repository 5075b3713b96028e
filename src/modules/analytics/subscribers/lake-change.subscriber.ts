import { Inject, Injectable } from '@nestjs/common';
import type { ChangeEvent } from '../../../common/change-feed/change-event';
import { ChangeSubscriber, SubscribeToChanges } from '../../../common/change-feed/change-subscriber';
import { Cache, CACHE } from '../../../common/cache/cache.port';
import { lakeTableCacheTag } from '../../../common/lake/lake-cache-tag';
import { lakeObjects, putLakeObjects, settleAll } from '../../../common/lake/lake-objects';
import { partitionPath, utcDayOf } from '../../../common/lake/partition-path';
import { LAKE_CHANGE_SUBSCRIBER } from '../../../common/queue/queue-definition';
import { OBJECT_STORAGE, ObjectStorage } from '../../../common/storage/object-storage.port';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import type { Product } from '../../matching';
import type { OrderProps } from '../../orders';
import { LAKE_WATERMARKS, LakeWatermarks } from '../domain/lake-watermarks.port';
import { PRODUCT_SNAPSHOT_COLUMNS, PRODUCTS_DATASET, productSnapshotRow } from '../domain/product-snapshot-rows';
import { PURCHASE_COLUMNS, PURCHASES_DATASET, purchaseRows } from '../domain/purchase-rows';

/**
 * Writes the change feed to the data lake (docs/lake/purchases.md, docs/lake/products.md).
 * Every object is a function of one change alone, so a redelivered change rewrites the
 * same bytes. A purchases object holds an order's newest version, guarded by a watermark;
 * a products object holds one version and never changes.
 */
@Injectable()
@SubscribeToChanges(LAKE_CHANGE_SUBSCRIBER)
export class LakeChangeSubscriber implements ChangeSubscriber {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LAKE_WATERMARKS) private readonly watermarks: LakeWatermarks,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async handleChanges(changes: readonly ChangeEvent[]): Promise<void> {
    // Only an order's newest version in the batch matters: its object replaces the rest.
    const newestOrders = new Map<string, ChangeEvent>();
    const snapshots: ChangeEvent[] = [];
    for (const change of changes) {
      if (change.entity === 'product') {
        snapshots.push(change);
        continue;
      }
      const key = `${change.tenantId}\u0000${change.key}`;
      if ((newestOrders.get(key)?.version ?? 0) < change.version) newestOrders.set(key, change);
    }
    // Different keys are independent objects, so they are written side by side.
    await settleAll([...snapshots.map((c) => this.writeProductSnapshot(c)), ...[...newestOrders.values()].map((c) => this.writePurchases(c))]);
    const touched = new Set(changes.map((c) => lakeTableCacheTag(c.tenantId, c.entity === 'product' ? PRODUCTS_DATASET : PURCHASES_DATASET)));
    await this.cache.invalidateTags([...touched]);
  }

  private async writePurchases(change: ChangeEvent): Promise<void> {
    const order = change.data as unknown as OrderProps;
    const partition = partitionPath(change.tenantId, utcDayOf(order.createdAt));
    const rows = purchaseRows(order, change.version, change.op === 'delete');
    // Encoded before the watermark's lock is taken, so the lock covers only the writes.
    const objects = await lakeObjects(PURCHASES_DATASET, PURCHASE_COLUMNS, partition, order.orderId, rows);
    await this.watermarks.writeIfNewer({ tenantId: change.tenantId, dataset: PURCHASES_DATASET, key: change.key }, change.version, () =>
      putLakeObjects(this.storage, this.config.storage.buckets.dataLake, objects),
    );
  }

  private async writeProductSnapshot(change: ChangeEvent): Promise<void> {
    const product = change.data as unknown as Product;
    const partition = partitionPath(change.tenantId, utcDayOf(change.occurredAt));
    const row = productSnapshotRow(product, change.version, change.op === 'delete', change.occurredAt);
    const objects = await lakeObjects(PRODUCTS_DATASET, PRODUCT_SNAPSHOT_COLUMNS, partition, `${product.sku}-v${change.version}`, [row]);
    await putLakeObjects(this.storage, this.config.storage.buckets.dataLake, objects);
  }
}
