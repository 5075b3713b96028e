import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListProductsQuery } from '../../matching';
import { ListOrdersQuery } from '../../orders';
import type { IndexChange } from '../domain/search-documents';
import { toProductDocument, toPurchaseDocument } from '../domain/to-documents';

/** Documents per page read from the source of truth and loaded into the new generation. */
export const REINDEX_PAGE_SIZE = 500;

/** The tenant's products and orders, page by page, through the owning modules' public queries. */
@Injectable()
export class ReindexSource {
  constructor(private readonly queries: QueryBus) {}

  async *pages(tenantId: string): AsyncGenerator<IndexChange[]> {
    let cursor: string | undefined;
    do {
      const page = await this.queries.execute(new ListProductsQuery(tenantId, { limit: REINDEX_PAGE_SIZE, cursor }));
      yield page.items.map((p) => ({ kind: 'product', op: 'upsert', document: toProductDocument(p) }) as const);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    do {
      const page = await this.queries.execute(new ListOrdersQuery(tenantId, { limit: REINDEX_PAGE_SIZE, cursor }));
      yield page.items.map((o) => ({ kind: 'purchase', op: 'upsert', document: toPurchaseDocument(o) }) as const);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
