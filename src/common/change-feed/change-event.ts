/** The entities whose changes feed search and the data lake. */
export type ChangeEntity = 'product' | 'order';

/**
 * One committed change of a product or an order, as every change-feed consumer sees it:
 * from the transactional outbox (embedded) or from a DynamoDB stream record (AWS).
 * Delivery is at least once and in order per key; consumers still apply a change only
 * when its `version` is newer than what they hold, so duplicates and stragglers are harmless.
 */
export interface ChangeEvent {
  /** Unique per change: `${entity}:${tenantId}:${key}:${version}`, the same from either source. */
  changeId: string;
  tenantId: string;
  entity: ChangeEntity;
  /** The product's sku or the order's orderId. */
  key: string;
  /** Grows by at least one with every write of the key, deletes included. */
  version: number;
  op: 'upsert' | 'delete';
  /** ISO time of the write. */
  occurredAt: string;
  /**
   * The entity after the change (the matching module's `Product` plus `version`, or the
   * orders module's `OrderProps`); for a delete, the last image before it.
   */
  data: Record<string, unknown>;
}

export function changeIdOf(change: Pick<ChangeEvent, 'entity' | 'tenantId' | 'key' | 'version'>): string {
  return `${change.entity}:${change.tenantId}:${change.key}:${change.version}`;
}
