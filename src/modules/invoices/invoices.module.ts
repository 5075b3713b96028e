import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { InvoiceMetrics } from './application/invoice-metrics';
import { CalculateInvoiceCommissionsTaskHandler } from './commands/calculate-invoice-commissions/calculate-invoice-commissions.handler';
import { CompleteInvoiceHandler } from './commands/complete-invoice/complete-invoice.handler';
import { ExtractInvoiceDocumentHandler } from './commands/extract-invoice-document/extract-invoice-document.handler';
import { FailInvoiceStepHandler } from './commands/fail-invoice-step/fail-invoice-step.handler';
import { FailInvoiceHandler } from './commands/fail-invoice/fail-invoice.handler';
import { IngestInvoiceHandler } from './commands/ingest-invoice/ingest-invoice.handler';
import { MatchInvoiceLinesTaskHandler } from './commands/match-invoice-lines/match-invoice-lines.handler';
import { PublishProcessedInvoiceHandler } from './commands/publish-processed-invoice/publish-processed-invoice.handler';
import { MarkInvoiceProcessingHandler } from './commands/mark-invoice-processing/mark-invoice-processing.handler';
import { RecordInvoiceExtractionHandler } from './commands/record-invoice-extraction/record-invoice-extraction.handler';
import { RecordLineCommissionsHandler } from './commands/record-line-commissions/record-line-commissions.handler';
import { RecordLineMatchesHandler } from './commands/record-line-matches/record-line-matches.handler';
import { ApplyConfirmedMatchHandler } from './events/apply-confirmed-match.handler';
import { InvoicesController } from './invoices.controller';
import { GetInvoiceDocumentHandler } from './queries/get-invoice-document/get-invoice-document.handler';
import { GetInvoiceHandler } from './queries/get-invoice/get-invoice.handler';
import { ListInvoicesHandler } from './queries/list-invoices/list-invoices.handler';
import { InvoiceProcessingConsumer } from './workflows/invoice-processing.consumer';
import { InvoiceProcessingWorkflow } from './workflows/invoice-processing.workflow';

/** Only the form's text fields besides the file; anything more is refused before it is buffered. */
const MAX_TEXT_FIELDS = 5;
const MAX_TEXT_FIELD_BYTES = 1024;

/**
 * Ingestion, the invoice record and the invoice-processing pipeline. INVOICE_REPOSITORY, OBJECT_STORAGE and QUEUE are bound
 * by the infrastructure module. Uploads are buffered in memory (they are capped at
 * MAX_UPLOAD_BYTES) because the bytes are hashed and sniffed before anything is stored.
 */
@Module({
  imports: [
    InvoiceProcessingWorkflow,
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
    // The steps of invoice-processing.asl.json, and the consumer that starts it for each new invoice.
    ExtractInvoiceDocumentHandler,
    MatchInvoiceLinesTaskHandler,
    CalculateInvoiceCommissionsTaskHandler,
    PublishProcessedInvoiceHandler,
    FailInvoiceStepHandler,
    InvoiceProcessingConsumer,
    ApplyConfirmedMatchHandler,
    InvoiceMetrics,
  ],
})
export class InvoicesModule {}
