import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgreementProps } from '../domain/agreement';
import { RULE_KINDS, type CommissionRule, type RuleKind, type Tier } from '../domain/commission-rule';

class TierResponseDto {
  @ApiProperty({ example: '10000.00' }) from: string;
  @ApiProperty({ example: '50000.00', nullable: true, type: String }) to: string | null;
  @ApiProperty({ example: '4' }) rate: string;
}

class RuleResponseDto {
  @ApiProperty() ruleId: string;
  @ApiProperty({ enum: RULE_KINDS }) kind: RuleKind;
  @ApiProperty({ nullable: true, type: String }) sku: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiPropertyOptional({ example: '3.5' }) rate?: string;
  @ApiPropertyOptional({ type: [TierResponseDto] }) tiers?: Tier[];
  @ApiPropertyOptional({ example: '0.25' }) amountPerUnit?: string;
}

export class AgreementResponseDto {
  @ApiProperty() agreementId: string;
  @ApiProperty() supplierId: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '2025-01-01' }) validFrom: string;
  @ApiProperty({ example: '2025-12-31', nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ enum: ['active', 'ended'], description: 'ended: DELETE ended it; it still applies to invoices up to validTo' })
  status: 'active' | 'ended';
  @ApiProperty({ type: [RuleResponseDto], description: 'In the order added: later wins ties' }) rules: CommissionRule[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;

  static from(p: AgreementProps): AgreementResponseDto {
    const { tenantId: _tenantId, ...rest } = p;
    return rest;
  }
}

export class AgreementPageResponseDto {
  @ApiProperty({ type: [AgreementResponseDto] }) items: AgreementResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
