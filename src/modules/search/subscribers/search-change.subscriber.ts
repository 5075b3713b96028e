import { Inject, Injectable } from '@nestjs/common';
import type { ChangeEvent } from '../../../common/change-feed/change-event';
import { ChangeSubscriber, SubscribeToChanges } from '../../../common/change-feed/change-subscriber';
import { SEARCH_CHANGE_SUBSCRIBER } from '../../../common/queue/queue-definition';
import type { Product } from '../../matching';
import type { OrderProps } from '../../orders';
import type { IndexChange } from '../domain/search-documents';
import { SEARCH_INDEX, SearchIndex } from '../domain/search-index.port';
import { toProductDocument, toPurchaseDocument } from '../domain/to-documents';

/**
 * Keeps the search index in step with product and order changes. The index applies a
 * change only over an older version, so redelivered or reordered batches are harmless.
 */
@Injectable()
@SubscribeToChanges(SEARCH_CHANGE_SUBSCRIBER)
export class SearchChangeSubscriber implements ChangeSubscriber {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  async handleChanges(changes: readonly ChangeEvent[]): Promise<void> {
    const byTenant = new Map<string, IndexChange[]>();
    for (const change of changes) {
      const list = byTenant.get(change.tenantId) ?? [];
      list.push(toIndexChange(change));
      byTenant.set(change.tenantId, list);
    }
    for (const [tenantId, list] of byTenant) await this.index.apply(tenantId, list);
  }
}

/** The event's own version wins over the image's: it is what orders the feed. */
export function toIndexChange(change: ChangeEvent): IndexChange {
  const { tenantId, key, version } = change;
  if (change.entity === 'product') {
    return change.op === 'delete'
      ? { kind: 'product', op: 'delete', tenantId, sku: key, version }
      : { kind: 'product', op: 'upsert', document: { ...toProductDocument(change.data as unknown as Product), tenantId, sku: key, version } };
  }
  return change.op === 'delete'
    ? { kind: 'purchase', op: 'delete', tenantId, orderId: key, version }
    : { kind: 'purchase', op: 'upsert', document: { ...toPurchaseDocument(change.data as unknown as OrderProps), tenantId, orderId: key, version } };
}
