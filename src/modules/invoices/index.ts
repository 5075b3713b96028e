// The Invoices module's public surface: other modules import from here only.
export { InvoicesModule } from './invoices.module';
export { IngestInvoiceCommand, type IngestInvoiceOutcome, type InvoiceSource } from './commands/ingest-invoice/ingest-invoice.command';
// Pipeline steps (the invoice-processing workflow calls these; each is idempotent).
export { MarkInvoiceProcessingCommand } from './commands/mark-invoice-processing/mark-invoice-processing.command';
export {
  RecordInvoiceExtractionCommand,
  type RecordInvoiceExtractionResult,
} from './commands/record-invoice-extraction/record-invoice-extraction.command';
export { RecordLineMatchesCommand, type LineMatchInput } from './commands/record-line-matches/record-line-matches.command';
export { RecordLineCommissionsCommand, type LineCommissionInput } from './commands/record-line-commissions/record-line-commissions.command';
export { CompleteInvoiceCommand } from './commands/complete-invoice/complete-invoice.command';
export { FailInvoiceCommand } from './commands/fail-invoice/fail-invoice.command';
export type { InvoiceStatusResult } from './commands/invoice-status.result';
export { GetInvoiceQuery } from './queries/get-invoice/get-invoice.query';
export { ListInvoicesQuery } from './queries/list-invoices/list-invoices.query';
export { GetInvoiceDocumentQuery, type InvoiceDocumentContent } from './queries/get-invoice-document/get-invoice-document.query';
export { InvoiceReceivedEvent } from './events/invoice-received.event';
export type { InvoiceProcessingMessage } from './workflows/invoice-processing.message';
export { InvoiceStatus } from './domain/invoice-status';
export { InvoiceStateError } from './domain/invoice';
export type { InvoiceProps, InvoiceDocument, InvoiceHeader } from './domain/invoice';
export type { InvoiceLine, LineMatch, LineCommission, LineMatchStatus } from './domain/invoice-line';
export type { InvoicePage, InvoiceSummary, InvoiceListQuery } from './domain/invoice-repository.port';
export { InvoiceNotFoundError } from './domain/load-invoice';
export {
  DocumentObjectNotFoundError,
  DocumentTooLargeError,
  EmptyDocumentError,
  UnsupportedDocumentTypeError,
} from './domain/document-rejections';
export { tenantOfRawKey } from './domain/raw-document-key';
export type { Field, NormalizedInvoice, NormalizedInvoiceLine } from './domain/normalized-invoice';
export { InvoiceResponseDto, InvoiceSummaryResponseDto, InvoicePageResponseDto, InvoiceLineDto } from './dto/invoice-response.dto';
export { UploadInvoiceDto } from './dto/upload-invoice.dto';
export { ListInvoicesQueryDto } from './dto/list-invoices-query.dto';
export { INVOICE_LINES_DATASET, INVOICE_LINE_COLUMNS, type InvoiceLakeRow } from './domain/invoice-lake-rows';
