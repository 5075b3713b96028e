import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, registerDecorator, ValidationArguments } from 'class-validator';
import Decimal from 'decimal.js';
import { DECIMAL_AMOUNT } from '../../../common/money/money';
import type { ProductSort } from '../domain/search-index.port';

export const DEFAULT_SEARCH_PAGE_SIZE = 20;
export const DEFAULT_SUGGESTIONS = 10;
const PRODUCT_SORTS: ProductSort[] = ['relevance', 'price_asc', 'price_desc', 'name', 'newest'];
const AMOUNT_MESSAGE = 'must be a non-negative decimal with at most 4 decimal places';

/** Fails when the property is below `lower` (another property), as `atMost(lower, value)` decides; absent values pass. */
function NotBelow(lower: string, atMost: (low: string, high: string) => boolean) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'notBelow',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not be below ${lower}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const low = (args.object as Record<string, unknown>)[lower];
          return typeof low !== 'string' || typeof value !== 'string' || atMost(low, value);
        },
      },
    });
}

const amountAtMost = (low: string, high: string) => !DECIMAL_AMOUNT.test(low) || !DECIMAL_AMOUNT.test(high) || new Decimal(low).lte(high);
const timeAtMost = (low: string, high: string) => !(Date.parse(low) > Date.parse(high));

class SearchPageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page?: number;

  @ApiPropertyOptional({ default: DEFAULT_SEARCH_PAGE_SIZE, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class SearchAllQueryDto extends SearchPageQueryDto {
  @ApiProperty({ description: 'Free text over products and purchases, typo tolerant', example: 'aceite oliva' })
  @IsString()
  @Length(1, 200)
  q: string;
}

export class SearchProductsQueryDto extends SearchPageQueryDto {
  @ApiPropertyOptional({ description: 'Free text over name, brand, category and description; typo tolerant; the last word also as a prefix' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Exact category' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  category?: string;

  @ApiPropertyOptional({ description: 'Exact brand' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  brand?: string;

  @ApiPropertyOptional({ example: '1.50', description: 'Inclusive, exact decimal' })
  @IsOptional()
  @Matches(DECIMAL_AMOUNT, { message: `minPrice ${AMOUNT_MESSAGE}` })
  minPrice?: string;

  @ApiPropertyOptional({ example: '20', description: 'Inclusive, exact decimal; not below minPrice' })
  @IsOptional()
  @Matches(DECIMAL_AMOUNT, { message: `maxPrice ${AMOUNT_MESSAGE}` })
  @NotBelow('minPrice', amountAtMost)
  maxPrice?: string;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, default: 'relevance', description: 'relevance falls back to name without q' })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;
}

export class AutocompleteQueryDto {
  @ApiProperty({ example: 'acei' })
  @IsString()
  @Length(1, 100)
  prefix: string;

  @ApiPropertyOptional({ default: DEFAULT_SUGGESTIONS, minimum: 1, maximum: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class SearchPurchasesQueryDto extends SearchPageQueryDto {
  @ApiPropertyOptional({ description: 'Free text over customer name and email, order id, item names and skus' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ example: 'cust-42' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  customerId?: string;

  @ApiPropertyOptional({ example: '2024-05-01', description: 'Inclusive ISO 8601 date or time of the order' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2024-06-01T00:00:00Z', description: 'Exclusive ISO 8601 date or time; not before from' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @NotBelow('from', timeAtMost)
  to?: string;
}
