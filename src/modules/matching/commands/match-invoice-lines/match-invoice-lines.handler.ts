import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { LineMatcher } from '../../application/line-matcher';
import { REVIEW_REPOSITORY, ReviewRepository } from '../../domain/review-item';
import { LineMatchResult, MatchInvoiceLinesCommand } from './match-invoice-lines.command';

@CommandHandler(MatchInvoiceLinesCommand)
export class MatchInvoiceLinesHandler implements ICommandHandler<MatchInvoiceLinesCommand> {
  private readonly threshold: number;

  constructor(
    private readonly matcher: LineMatcher,
    @Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.threshold = config.matching.autoMatchThreshold;
  }

  async execute({ tenantId, supplierId, invoiceId, lines }: MatchInvoiceLinesCommand): Promise<LineMatchResult[]> {
    const results: LineMatchResult[] = [];
    // One line at a time: the relational store may be a single connection, so parallel lines would only queue.
    for (const line of lines) {
      const match = await this.matcher.match(tenantId, supplierId, line, { threshold: this.threshold });
      results.push({ lineId: line.lineId, status: match.sku !== null ? 'matched' : 'review', ...match });
    }
    await this.reviews.enqueue(
      lines.flatMap((line, i) => {
        const { status, confidence, candidates } = results[i];
        return status === 'review' ? [{ tenantId, lineId: line.lineId, invoiceId, supplierId, description: line.description, confidence, candidates }] : [];
      }),
    );
    return results;
  }
}
