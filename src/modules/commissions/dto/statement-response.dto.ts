import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class StatementLineDto {
  @ApiProperty() invoiceId: string;
  @ApiProperty({ example: '2025-03-14' }) invoiceDate: string;
  @ApiProperty() lineId: string;
  @ApiProperty({ nullable: true, type: String }) sku: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty({ example: '3' }) quantity: string;
  @ApiProperty({ example: '120.00' }) lineTotal: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '3.60' }) amount: string;
  @ApiProperty({ enum: ['percentage', 'tiered-percentage', 'fixed-per-unit', 'none'] }) ruleKind: string;
  @ApiProperty({ nullable: true, type: String }) ruleId: string | null;
  @ApiPropertyOptional({ example: '3' }) rate?: string;
  @ApiPropertyOptional({ example: '0.25' }) amountPerUnit?: string;
  @ApiProperty({ nullable: true, type: String }) agreementId: string | null;
}

class TierReachedDto {
  @ApiProperty() agreementId: string;
  @ApiProperty() ruleId: string;
  @ApiProperty({ example: '10000.00' }) from: string;
  @ApiProperty({ example: '50000.00', nullable: true, type: String }) to: string | null;
  @ApiProperty({ example: '4' }) rate: string;
}

export class StatementResponseDto {
  @ApiProperty() supplierId: string;
  @ApiProperty({ example: '2025-03' }) period: string;
  @ApiProperty({ nullable: true, type: String, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: [StatementLineDto] }) lines: StatementLineDto[];
  @ApiProperty({ example: { percentage: '10.00', 'tiered-percentage': '0.00', 'fixed-per-unit': '1.50', none: '0.00' } })
  totalsByRuleKind: Record<string, string>;
  @ApiProperty({ example: '11.50' }) total: string;
  @ApiProperty({ example: '12500.00', description: 'Sum of the line totals: the volume tiers are measured on' }) volume: string;
  @ApiProperty({ type: [TierReachedDto] }) tiersReached: TierReachedDto[];
}
