import type { IndexChange } from '../../modules/search/domain/search-documents';
import { kindOf, type SearchKind } from './opensearch-index-names';

const tenantOf = (change: IndexChange) => (change.op === 'upsert' ? change.document.tenantId : change.tenantId);

function idOf(change: IndexChange): string {
  if (change.kind === 'product') return change.op === 'upsert' ? change.document.sku : change.sku;
  return change.op === 'upsert' ? change.document.orderId : change.orderId;
}

const versionOf = (change: IndexChange) => (change.op === 'upsert' ? change.document.version : change.version);

/**
 * The NDJSON lines of one `_bulk` request writing the changes to every target index of
 * their kind. External versioning makes OpenSearch itself keep the newest version: an
 * index or delete whose version is not greater than the stored one (or the tombstone of a
 * delete) fails with 409 and changes nothing.
 */
export function bulkLines(tenantId: string, changes: readonly IndexChange[], targets: (kind: SearchKind) => string[]): object[] {
  return changes.flatMap((change) => {
    if (tenantOf(change) !== tenantId) throw new Error(`A ${change.kind} change of another tenant was applied to tenant ${tenantId}`);
    const meta = (index: string) => ({ _index: index, _id: idOf(change), version: versionOf(change), version_type: 'external' });
    return targets(kindOf(change)).flatMap((index): object[] =>
      change.op === 'upsert' ? [{ index: meta(index) }, change.document] : [{ delete: meta(index) }],
    );
  });
}
