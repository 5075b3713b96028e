import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CompleteInvoiceHandler } from './commands/complete-invoice/complete-invoice.handler';
import { FailInvoiceHandler } from './commands/fail-invoice/fail-invoice.handler';
import { IngestInvoiceHandler } from './commands/ingest-invoice/ingest-invoice.handler';
import { MarkInvoiceProcessingHandler } from './commands/mark-invoice-processing/mark-invoice-processing.handler';
import { RecordInvoiceExtractionHandler } from './commands/record-invoice-extraction/record-invoice-extraction.handler';
import { RecordLineCommissionsHandler } from './commands/record-line-commissions/record-line-commissions.handler';
import { RecordLineMatchesHandler } from './commands/record-line-matches/record-line-matches.handler';
import { InvoicesController } from './invoices.controller';
import { GetInvoiceDocumentHandler } from './queries/get-invoice-document/get-invoice-document.handler';
import { GetInvoiceHandler } from './queries/get-invoice/get-invoice.handler';
import { ListInvoicesHandler } from './queries/list-invoices/list-invoices.handler';

/** Only the form's text fields besides the file; anything more is refused before it is buffered. */
const MAX_TEXT_FIELDS = 5;
const MAX_TEXT_FIELD_BYTES = 1024;

/**
 * Ingestion and the invoice record. INVOICE_REPOSITORY, OBJECT_STORAGE and QUEUE are bound
 * by the infrastructure module. Uploads are buffered in memory (they are capped at
 * MAX_UPLOAD_BYTES) because the bytes are hashed and sniffed before anything is stored.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.storage.maxUploadBytes, files: 1, fields: MAX_TEXT_FIELDS, fieldSize: MAX_TEXT_FIELD_BYTES },
        // curl and browsers send UTF-8 file names without saying so; busboy would read them as latin1.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [InvoicesController],
  providers: [
    IngestInvoiceHandler,
    MarkInvoiceProcessingHandler,
    RecordInvoiceExtractionHandler,
    RecordLineMatchesHandler,
    RecordLineCommissionsHandler,
    CompleteInvoiceHandler,
    FailInvoiceHandler,
    GetInvoiceHandler,
    ListInvoicesHandler,
    GetInvoiceDocumentHandler,
  ],
})
export class InvoicesModule {}
