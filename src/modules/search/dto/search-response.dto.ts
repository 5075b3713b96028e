import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const nullableText = { type: String, nullable: true };

export class ProductDocumentDto {
  @ApiProperty() tenantId: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty(nullableText) description: string | null;
  @ApiProperty(nullableText) brand: string | null;
  @ApiProperty(nullableText) category: string | null;
  @ApiProperty({ ...nullableText, example: '4.35', description: 'Exact decimal text' }) price: string | null;
  @ApiProperty({ ...nullableText, example: 'EUR' }) currency: string | null;
  @ApiProperty(nullableText) supplierId: string | null;
  @ApiProperty(nullableText) gtin: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

class HighlightsDto {
  @ApiPropertyOptional({ type: [String], example: ['<em>Café</em> molido'] }) name?: string[];
  @ApiPropertyOptional({ type: [String] }) description?: string[];
  @ApiPropertyOptional({ type: [String] }) brand?: string[];
  @ApiPropertyOptional({ type: [String] }) category?: string[];
}

export class ProductHitDto {
  @ApiProperty({ type: ProductDocumentDto }) product: ProductDocumentDto;
  @ApiProperty() score: number;
  @ApiProperty({ type: HighlightsDto, description: 'Matching fragments of each field, matches wrapped in <em>…</em>' }) highlights: HighlightsDto;
}

class FacetBucketDto {
  @ApiProperty() value: string;
  @ApiProperty() count: number;
}

class FacetsDto {
  @ApiProperty({ type: [FacetBucketDto] }) category: FacetBucketDto[];
  @ApiProperty({ type: [FacetBucketDto] }) brand: FacetBucketDto[];
}

export class ProductSearchResponseDto {
  @ApiProperty({ description: 'Matches after every filter' }) total: number;
  @ApiProperty({ type: [ProductHitDto] }) hits: ProductHitDto[];
  @ApiProperty({ type: FacetsDto, description: 'Counts over the matches before the category and brand filters' }) facets: FacetsDto;
}

class PurchaseLineDto {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ example: '4.35' }) unitPrice: string;
}

export class PurchaseDocumentDto {
  @ApiProperty() tenantId: string;
  @ApiProperty() orderId: string;
  @ApiProperty() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerEmail: string;
  @ApiProperty() status: string;
  @ApiProperty({ example: '8.70' }) totalAmount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [PurchaseLineDto] }) items: PurchaseLineDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class PurchaseHitDto {
  @ApiProperty({ type: PurchaseDocumentDto }) purchase: PurchaseDocumentDto;
  @ApiProperty() score: number;
}

export class PurchaseSearchResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [PurchaseHitDto] }) hits: PurchaseHitDto[];
}

export class SearchAllResponseDto {
  @ApiProperty({ type: ProductSearchResponseDto }) products: ProductSearchResponseDto;
  @ApiProperty({ type: PurchaseSearchResponseDto }) purchases: PurchaseSearchResponseDto;
}

class SuggestionDto {
  @ApiProperty({ example: 'Aceite de oliva virgen extra 500 ml' }) text: string;
  @ApiProperty() sku: string;
}

export class AutocompleteResponseDto {
  @ApiProperty({ type: [SuggestionDto] }) suggestions: SuggestionDto[];
}
