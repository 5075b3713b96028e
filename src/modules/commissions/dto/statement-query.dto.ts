import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO4217CurrencyCode, IsOptional, IsString, Length, Matches } from 'class-validator';

export class StatementQueryDto {
  @ApiProperty({ example: 'sup-1' })
  @IsString()
  @Length(1, 128)
  supplierId: string;

  @ApiProperty({ example: '2025-03', description: 'Month of the invoice dates, YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month YYYY-MM' })
  period: string;

  @ApiPropertyOptional({ example: 'EUR', description: 'Only needed when that month has invoices in several currencies' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Alternative to Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
