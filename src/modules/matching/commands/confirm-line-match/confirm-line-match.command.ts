import { Command } from '@nestjs/cqrs';
import type { ReviewItem } from '../../domain/review-item';

/** Confirms or corrects a reviewed line's SKU and teaches the matcher its description. */
export class ConfirmLineMatchCommand extends Command<ReviewItem> {
  constructor(
    readonly tenantId: string,
    readonly lineId: string,
    readonly sku: string,
  ) {
    super();
  }
}
