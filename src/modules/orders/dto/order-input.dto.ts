import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_AMOUNT } from '../../../common/money/money';
import { DEFAULT_PAYMENT_METHOD, PAYMENT_METHOD_PATTERN } from '../domain/payment-method';

/** JSON numbers are accepted for convenience but kept as text, so no float ever holds money. */
const numberToText = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

export class OrderItemDto {
  @ApiProperty({ example: 'SKU-ACEITE-500' })
  @IsString()
  @Length(1, 64)
  sku: string;

  @ApiProperty({ example: 'Aceite de oliva 500 ml' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 3, minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;

  @ApiProperty({ example: '4.35', description: 'Exact decimal, up to 4 decimal places', type: String })
  @Transform(numberToText)
  @IsString()
  @Matches(DECIMAL_AMOUNT, { message: 'unitPrice must be a non-negative decimal with at most 4 decimal places' })
  unitPrice: string;
}

export class ShippingAddressDto {
  @ApiProperty({ example: 'Calle Mayor 1' })
  @IsString()
  @Length(1, 200)
  line1: string;

  @ApiPropertyOptional({ example: '3º B' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  line2?: string;

  @ApiProperty({ example: 'Madrid' })
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiPropertyOptional({ example: 'Madrid' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiProperty({ example: '28013' })
  @IsString()
  @Length(1, 20)
  postalCode: string;

  @ApiProperty({ example: 'ES', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country: string;
}

export class CreateOrderDto {
  @ApiProperty({ example: 'cust-42' })
  @IsString()
  @Length(1, 128)
  customerId: string;

  @ApiProperty({ example: 'Ana Pérez' })
  @IsString()
  @Length(1, 200)
  customerName: string;

  @ApiProperty({ example: 'ana@example.com' })
  @IsEmail()
  customerEmail: string;

  @ApiProperty({ type: [OrderItemDto] })
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  items: OrderItemDto[];

  @ApiPropertyOptional({ example: 'EUR', default: 'USD', description: 'ISO 4217' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @ApiProperty({ type: ShippingAddressDto })
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress: ShippingAddressDto;

  @ApiPropertyOptional({
    example: 'pm_card_mastercard',
    default: DEFAULT_PAYMENT_METHOD,
    description: 'Payment-method token (pm_…); card numbers are never accepted',
  })
  @IsOptional()
  @IsString()
  @Matches(PAYMENT_METHOD_PATTERN, { message: 'paymentMethod must be a payment-method token such as pm_card_visa' })
  paymentMethod?: string;
}

export class UpdateOrderDto {
  @ApiPropertyOptional({ type: [OrderItemDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  items?: OrderItemDto[];

  @ApiPropertyOptional({ type: ShippingAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto;

  @ApiPropertyOptional({ example: 1, description: 'Expected current version; an alternative to If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
