import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ReviewItemNotFoundError, UnknownSkuError } from '../../domain/matching.errors';
import { PRODUCT_REPOSITORY, ProductRepository } from '../../domain/product-repository.port';
import { REVIEW_REPOSITORY, ReviewItem, ReviewRepository } from '../../domain/review-item';
import { SKU_LOOKUP, SkuLookup } from '../../domain/sku-lookup.port';
import { aliasKeyOf } from '../../domain/text-normalizer';
import { LineMatchConfirmedEvent } from '../../events/line-match-confirmed.event';
import { ConfirmLineMatchCommand } from './confirm-line-match.command';

@CommandHandler(ConfirmLineMatchCommand)
export class ConfirmLineMatchHandler implements ICommandHandler<ConfirmLineMatchCommand> {
  constructor(
    @Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository,
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(SKU_LOOKUP) private readonly lookup: SkuLookup,
    private readonly events: EventBus,
  ) {}

  async execute({ tenantId, lineId, sku }: ConfirmLineMatchCommand): Promise<ReviewItem> {
    const item = await this.reviews.get(tenantId, lineId);
    if (!item) throw new ReviewItemNotFoundError(lineId);
    if (!(await this.products.existing(tenantId, [sku])).has(sku)) throw new UnknownSkuError(sku);
    // The alias first: if resolving fails after it, a retry repeats both harmlessly.
    const description = aliasKeyOf(item.description);
    if (description) await this.lookup.putMany(tenantId, [{ key: { kind: 'alias', supplierId: item.supplierId, description }, sku }]);
    const resolved = await this.reviews.resolve(tenantId, lineId, sku);
    this.events.publish(new LineMatchConfirmedEvent(tenantId, item.invoiceId, lineId, sku));
    return resolved;
  }
}
