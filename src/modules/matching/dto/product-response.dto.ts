import { ApiProperty } from '@nestjs/swagger';
import type { Product } from '../domain/product';
import type { ProductImport } from '../domain/product-import';

export class ProductResponseDto {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) brand: string | null;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: String, nullable: true, example: '4.35', description: 'Exact decimal text' }) price: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierCode: string | null;
  @ApiProperty({ type: String, nullable: true }) gtin: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: '1 when created; every change adds one' }) version: number;

  static from({ tenantId: _tenantId, ...product }: Product): ProductResponseDto {
    return Object.assign(new ProductResponseDto(), product);
  }
}

export class ProductPageResponseDto {
  @ApiProperty({ type: [ProductResponseDto] }) items: ProductResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor: string | null;
}

class RowErrorDto {
  @ApiProperty({ description: '1-based data row (the header is not counted)' }) row: number;
  @ApiProperty() message: string;
}

export class ProductImportResponseDto {
  @ApiProperty({ format: 'uuid' }) importId: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ description: 'Data rows in the file' }) total: number;
  @ApiProperty({ description: 'Rows handled so far, failed ones included' }) processed: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [RowErrorDto] }) errors: RowErrorDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from({ tenantId: _tenantId, ...job }: ProductImport): ProductImportResponseDto {
    return Object.assign(new ProductImportResponseDto(), job);
  }
}
