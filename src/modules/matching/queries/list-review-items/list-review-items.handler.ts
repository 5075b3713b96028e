import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { REVIEW_REPOSITORY, ReviewRepository } from '../../domain/review-item';
import { ListReviewItemsQuery, ReviewPage } from './list-review-items.query';

@QueryHandler(ListReviewItemsQuery)
export class ListReviewItemsHandler implements IQueryHandler<ListReviewItemsQuery> {
  constructor(@Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository) {}

  execute({ tenantId, limit, cursor }: ListReviewItemsQuery): Promise<ReviewPage> {
    return this.reviews.listPending(tenantId, limit, cursor);
  }
}
