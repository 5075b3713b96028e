import type { PurchaseSearchQuery } from '../../modules/search/domain/search-index.port';
import { offsetOf } from './opensearch-product-query.builder';

const PURCHASE_TEXT_FIELDS = ['customerName^2', 'customerEmail^2', 'orderId^2', 'items.name', 'items.sku'];

/** Purchases by free text, customer and date range; newest first among equal scores. */
export function purchaseSearchBody(query: PurchaseSearchQuery): object {
  const q = query.q?.trim();
  const createdAt = { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) };
  return {
    from: offsetOf(query.page, query.pageSize),
    size: query.pageSize,
    track_total_hits: true,
    query: {
      bool: {
        must: [q ? { multi_match: { query: q, fields: PURCHASE_TEXT_FIELDS, fuzziness: 'AUTO', prefix_length: 1 } } : { match_all: {} }],
        filter: [
          ...(query.customerId ? [{ term: { customerId: query.customerId } }] : []),
          ...(Object.keys(createdAt).length > 0 ? [{ range: { createdAt } }] : []),
        ],
      },
    },
    sort: [{ _score: 'desc' }, { createdAt: 'desc' }, { orderId: 'asc' }],
  };
}
