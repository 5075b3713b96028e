import { Query } from '@nestjs/cqrs';
import type { ReviewItem } from '../../domain/review-item';

export interface ReviewPage {
  items: ReviewItem[];
  nextCursor: string | null;
}

/** Pending review items of the tenant, oldest first. */
export class ListReviewItemsQuery extends Query<ReviewPage> {
  constructor(
    readonly tenantId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
