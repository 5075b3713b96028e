import { ApiProperty } from '@nestjs/swagger';

export class WindowFiguresDto {
  @ApiProperty({ example: '1234.50', description: 'Sum of sale amounts, exact decimal text' })
  revenue: string;

  @ApiProperty({ example: '42.00', description: 'Sum of quantities (invoice lines may be fractional)' })
  units: string;

  @ApiProperty({ example: 7, description: 'Distinct orders and invoices' })
  orders: number;

  @ApiProperty({ example: '176.3571', description: 'revenue / orders, rounded half-even to 4 decimals' })
  averageOrderValue: string;

  @ApiProperty({ example: '61.73' })
  commission: string;
}

export class WindowsDto {
  @ApiProperty({ type: WindowFiguresDto, description: 'Since 00:00 UTC' })
  today: WindowFiguresDto;

  @ApiProperty({ type: WindowFiguresDto, description: 'Since the start of the current UTC hour' })
  currentHour: WindowFiguresDto;

  @ApiProperty({ type: WindowFiguresDto, description: 'The current minute and the 4 before it' })
  last5Minutes: WindowFiguresDto;

  @ApiProperty({ type: WindowFiguresDto, description: 'The current minute and the 59 before it' })
  last60Minutes: WindowFiguresDto;
}

export class ProductMetricsDto {
  @ApiProperty({ example: 'ACEITE-500', nullable: true, type: String, description: 'Null for unmatched invoice lines' })
  sku: string | null;

  @ApiProperty({ type: WindowsDto })
  windows: WindowsDto;
}

export class CurrencyMetricsDto {
  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ type: WindowsDto })
  windows: WindowsDto;

  @ApiProperty({ type: [ProductMetricsDto], description: "By today's revenue, highest first" })
  products: ProductMetricsDto[];
}

export class RealtimeMetricsResponseDto {
  @ApiProperty({ example: 'sup-1' })
  supplierId: string;

  @ApiProperty({ example: '2026-03-01T10:05:31.000Z' })
  asOf: string;

  @ApiProperty({ type: [CurrencyMetricsDto], description: 'One entry per currency with sales in the windows; empty without sales' })
  currencies: CurrencyMetricsDto[];
}
