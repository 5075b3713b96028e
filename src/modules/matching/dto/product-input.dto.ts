import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO4217CurrencyCode, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { DECIMAL_AMOUNT } from '../../../common/money/money';
import type { ProductFields } from '../domain/product';

/** JSON numbers are accepted for convenience but kept as text, so no float ever holds money. */
const numberToText = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

/** SKUs appear in URL paths, so they stay within characters that need no escaping. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export class CreateProductDto {
  @ApiProperty({ example: 'ACEITE-500', pattern: SKU_PATTERN.source })
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku must be 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit' })
  sku: string;

  @ApiProperty({ example: 'Aceite de oliva virgen extra 500 ml' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ example: 'Botella de vidrio' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string;

  @ApiPropertyOptional({ example: 'Carbonell' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  brand?: string;

  @ApiPropertyOptional({ example: 'aceites' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  category?: string;

  @ApiPropertyOptional({ example: 'bottle' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  unit?: string;

  @ApiPropertyOptional({ example: '4.35', description: 'Exact decimal, up to 4 decimal places', type: String })
  @IsOptional()
  @Transform(numberToText)
  @IsString()
  @Matches(DECIMAL_AMOUNT, { message: 'price must be a non-negative decimal with at most 4 decimal places' })
  price?: string;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217; required with a price' })
  @ValidateIf((o: CreateProductDto) => o.price !== undefined || o.currency !== undefined)
  @IsISO4217CurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ example: 'sup-1', description: 'Required with supplierCode' })
  @ValidateIf((o: CreateProductDto) => o.supplierId !== undefined || o.supplierCode !== undefined)
  @IsString()
  @Length(1, 128)
  supplierId?: string;

  @ApiPropertyOptional({ example: 'AC-0500', description: 'The supplier’s own code, as printed on its invoices; needs supplierId' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  supplierCode?: string;

  @ApiPropertyOptional({ example: '8410010012345', description: 'GTIN-8, -12, -13 or -14' })
  @IsOptional()
  @Matches(/^(\d{8}|\d{12,14})$/, { message: 'gtin must be 8, 12, 13 or 14 digits' })
  gtin?: string;
}

export class ReplaceProductDto extends OmitType(CreateProductDto, ['sku'] as const) {}

export function toProductFields(sku: string, dto: ReplaceProductDto): ProductFields {
  return {
    sku,
    name: dto.name,
    description: dto.description ?? null,
    brand: dto.brand ?? null,
    category: dto.category ?? null,
    unit: dto.unit ?? null,
    price: dto.price ?? null,
    currency: dto.currency ?? null,
    supplierId: dto.supplierId ?? null,
    supplierCode: dto.supplierCode ?? null,
    gtin: dto.gtin ?? null,
  };
}
