import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InvoiceHeader, InvoiceProps } from '../domain/invoice';
import type { InvoiceLine, LineCommission, LineMatch } from '../domain/invoice-line';
import type { InvoiceSummary } from '../domain/invoice-repository.port';
import { InvoiceStatus } from '../domain/invoice-status';

const FIELD = 'Each field is { value, confidence (0..1) } or null when not found';

export class InvoiceDocumentDto {
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'], description: 'Decided from the bytes' })
  contentType: string;
  @ApiProperty({ example: 48213 }) size: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ type: String, nullable: true, example: 'factura-0042.pdf' }) originalFilename: string | null;
  @ApiProperty({ example: '/v1/invoices/0b9c…/document' }) url: string;
}

export class InvoiceLineDto {
  @ApiProperty({ format: 'uuid', description: 'Stable across re-extraction of the same document' }) lineId: string;
  @ApiProperty() position: number;
  @ApiProperty({ description: FIELD, example: { value: 'Aceite de oliva 500 ml', confidence: 0.97 } }) description: object;
  @ApiProperty({ nullable: true, description: FIELD }) supplierCode: object | null;
  @ApiProperty({ nullable: true, description: `${FIELD}; exact decimal text` }) quantity: object | null;
  @ApiProperty({ nullable: true, description: FIELD }) unit: object | null;
  @ApiProperty({ nullable: true, description: `${FIELD}; exact decimal text` }) unitPrice: object | null;
  @ApiProperty({ nullable: true, description: `${FIELD}; exact decimal text` }) lineTotal: object | null;
  @ApiProperty({ nullable: true, example: { sku: 'ACEITE-500', confidence: 0.93, status: 'matched' } }) match: LineMatch | null;
  @ApiProperty({ nullable: true, example: { amount: '1.25', currency: 'EUR', ruleId: 'rule-7' } }) commission: LineCommission | null;
}

abstract class InvoiceFieldsDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ enum: InvoiceStatus }) status: InvoiceStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why processing failed, when FAILED' }) failureReason: string | null;
  @ApiProperty({ type: InvoiceDocumentDto }) document: InvoiceDocumentDto;
  @ApiProperty({
    nullable: true,
    description: `The normalized header once extracted (supplierName, supplierTaxId, invoiceNumber, issueDate, dueDate, currency, subtotal, tax, total, reviewReasons). ${FIELD}`,
  })
  header: InvoiceHeader | null;
  @ApiProperty({ type: String, nullable: true }) workflowExecutionId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

/** An invoice in a listing: no lines, only how many. */
export class InvoiceSummaryResponseDto extends InvoiceFieldsDto {
  @ApiProperty() lineCount: number;

  static from(p: InvoiceSummary): InvoiceSummaryResponseDto {
    return Object.assign(new InvoiceSummaryResponseDto(), summaryOf(p), { lineCount: p.lineCount });
  }
}

export class InvoiceResponseDto extends InvoiceFieldsDto {
  @ApiProperty({ type: [InvoiceLineDto] }) lines: InvoiceLineDto[];

  static from(p: InvoiceProps): InvoiceResponseDto {
    return Object.assign(new InvoiceResponseDto(), summaryOf(p), { lines: p.lines.map(lineOf) });
  }
}

export class InvoicePageResponseDto {
  @ApiProperty({ type: [InvoiceSummaryResponseDto], description: 'Without lines; each has lineCount' }) items: InvoiceSummaryResponseDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor: string | null;
}

function summaryOf(p: Omit<InvoiceProps, 'lines'>) {
  const { bucket: _bucket, key: _key, ...document } = p.document;
  return {
    invoiceId: p.invoiceId,
    supplierId: p.supplierId,
    status: p.status,
    failureReason: p.failureReason,
    document: { ...document, url: `/v1/invoices/${p.invoiceId}/document` },
    header: p.header,
    workflowExecutionId: p.workflowExecutionId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

const lineOf = (l: InvoiceLine): InvoiceLineDto => ({ ...l });
