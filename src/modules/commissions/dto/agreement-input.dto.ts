import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_AMOUNT } from '../../../common/money/money';
import { RULE_KINDS, RuleKind } from '../domain/commission-rule';

/** JSON numbers are accepted for convenience but kept as text, so no float ever holds money or a rate. */
const numberToText = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);
const PERCENT = /^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/;
const PERCENT_MESSAGE = 'must be a percentage from 0 to 100 with at most 4 decimals';
const AMOUNT_MESSAGE = 'must be a non-negative decimal with at most 4 decimal places';
const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class TierDto {
  @ApiProperty({ example: '10000', description: 'Monthly volume where the tier starts (inclusive), agreement currency', type: String })
  @Transform(numberToText)
  @IsString()
  @Matches(DECIMAL_AMOUNT, { message: `from ${AMOUNT_MESSAGE}` })
  from: string;

  @ApiPropertyOptional({ example: '50000', description: 'Where it ends (exclusive); omitted on the last, open tier', type: String })
  @IsOptional()
  @Transform(numberToText)
  @IsString()
  @Matches(DECIMAL_AMOUNT, { message: `to ${AMOUNT_MESSAGE}` })
  to?: string;

  @ApiProperty({ example: '4', type: String })
  @Transform(numberToText)
  @IsString()
  @Matches(PERCENT, { message: `rate ${PERCENT_MESSAGE}` })
  rate: string;
}

export class RuleDto {
  @ApiPropertyOptional({ description: 'Keep a rule’s id across updates by sending it back; new rules get one' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;

  @ApiProperty({ enum: RULE_KINDS })
  @IsIn(RULE_KINDS)
  kind: RuleKind;

  @ApiPropertyOptional({ example: 'ACEITE-500', description: 'Only lines of this SKU (not with category)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  sku?: string;

  @ApiPropertyOptional({ example: 'oils', description: 'Only lines of this category (not with sku)' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  category?: string;

  @ApiPropertyOptional({ example: '3.5', description: 'kind percentage: % of the line amount', type: String })
  @IsOptional()
  @Transform(numberToText)
  @IsString()
  @Matches(PERCENT, { message: `rate ${PERCENT_MESSAGE}` })
  rate?: string;

  @ApiPropertyOptional({ type: [TierDto], description: 'kind tiered-percentage: contiguous bands from 0' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TierDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  tiers?: TierDto[];

  @ApiPropertyOptional({ example: '0.25', description: 'kind fixed-per-unit: amount per unit, agreement currency', type: String })
  @IsOptional()
  @Transform(numberToText)
  @IsString()
  @Matches(DECIMAL_AMOUNT, { message: `amountPerUnit ${AMOUNT_MESSAGE}` })
  amountPerUnit?: string;
}

export class AgreementTermsDto {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217; invoices in another currency are refused' })
  @IsISO4217CurrencyCode()
  currency: string;

  @ApiProperty({ example: '2025-01-01', description: 'First day it applies (invoice date)' })
  @Matches(CALENDAR_DATE, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Last day it applies (inclusive); omitted = open-ended' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo?: string;

  @ApiProperty({ type: [RuleDto] })
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  @ArrayMaxSize(500)
  rules: RuleDto[];
}

export class CreateAgreementDto extends AgreementTermsDto {
  @ApiProperty({ example: 'sup-1' })
  @IsString()
  @Length(1, 128)
  supplierId: string;
}

/** A full replacement of the terms; the supplier cannot change. */
export class UpdateAgreementDto extends AgreementTermsDto {
  @ApiPropertyOptional({ example: 1, description: 'Expected current version; an alternative to If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
