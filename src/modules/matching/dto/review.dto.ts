import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { ReviewItem } from '../domain/review-item';
import { SKU_PATTERN } from './product-input.dto';

export class ConfirmMatchDto {
  @ApiProperty({ example: 'ACEITE-500', description: 'The right SKU: a candidate to confirm or any catalog SKU to correct' })
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku is not a valid SKU' })
  sku: string;
}

class CandidateDto {
  @ApiProperty() sku: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
}

export class ReviewItemResponseDto {
  @ApiProperty() lineId: string;
  @ApiProperty() invoiceId: string;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence: number;
  @ApiProperty({ type: [CandidateDto], description: 'Best first, at most 5' }) candidates: CandidateDto[];
  @ApiProperty({ enum: ['pending', 'resolved'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) resolvedSku: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt: string | null;

  static from({ tenantId: _tenantId, ...item }: ReviewItem): ReviewItemResponseDto {
    return Object.assign(new ReviewItemResponseDto(), item);
  }
}

export class ReviewPageResponseDto {
  @ApiProperty({ type: [ReviewItemResponseDto] }) items: ReviewItemResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
