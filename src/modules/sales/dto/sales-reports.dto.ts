import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD`;

export class ReportFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Alternative to Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class SupplierReportsQueryDto extends ReportFormatQueryDto {
  @ApiProperty({ example: '2026-03-01', description: 'First day (UTC), inclusive' })
  @Matches(DAY, { message: DAY_MESSAGE('from') })
  from: string;

  @ApiProperty({ example: '2026-03-31', description: 'Last day (UTC), inclusive; at most 366 days after from' })
  @Matches(DAY, { message: DAY_MESSAGE('to') })
  to: string;
}

export class DailySummaryDto {
  @ApiProperty({ example: '2026-03-01' })
  date: string;

  @ApiProperty({ example: 'sup-1' })
  supplierId: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ example: '1234.50' })
  revenue: string;

  @ApiProperty({ example: '42.00' })
  units: string;

  @ApiProperty({ example: 7, description: 'Distinct orders and invoices' })
  orders: number;

  @ApiProperty({ example: '176.3571' })
  averageOrderValue: string;

  @ApiProperty({ example: '61.73' })
  commission: string;

  @ApiProperty({ example: 12, description: 'Sale lines' })
  sales: number;

  @ApiProperty({ example: 5, description: 'Distinct skus' })
  products: number;

  @ApiProperty({ example: 'sales_daily_reports/tenant=t1/year=2026/month=03/day=01/supplier=sup-1.parquet', description: 'The Parquet report in the data lake bucket' })
  reportKey: string;
}

export class SupplierReportsResponseDto {
  @ApiProperty({ example: 'sup-1' })
  supplierId: string;

  @ApiProperty({ example: '2026-03-01' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  to: string;

  @ApiProperty({ type: [DailySummaryDto], description: 'By date, then currency; days without sales are absent' })
  items: DailySummaryDto[];
}

export class DailyReportsResponseDto {
  @ApiProperty({ example: '2026-03-01' })
  date: string;

  @ApiProperty({ type: [DailySummaryDto], description: 'By supplier, then currency' })
  items: DailySummaryDto[];
}

export { DAY as DAY_PATTERN };
