import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { DOCUMENT_ANALYZER, DocumentAnalyzer } from '../../domain/document-analyzer.port';
import { GetInvoiceDocumentQuery } from '../../queries/get-invoice-document/get-invoice-document.query';
import { invoiceTaskInput } from '../invoice-task';
import { MarkInvoiceProcessingCommand } from '../mark-invoice-processing/mark-invoice-processing.command';
import { RecordInvoiceExtractionCommand } from '../record-invoice-extraction/record-invoice-extraction.command';
import { ExtractedInvoiceSummary, ExtractInvoiceDocumentCommand } from './extract-invoice-document.command';

/** A document that cannot be read fails with Document.Unreadable, which the workflow records on the invoice. */
@CommandHandler(ExtractInvoiceDocumentCommand)
export class ExtractInvoiceDocumentHandler implements ICommandHandler<ExtractInvoiceDocumentCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(DOCUMENT_ANALYZER) private readonly analyzer: DocumentAnalyzer,
  ) {}

  async execute({ input, context }: ExtractInvoiceDocumentCommand): Promise<ExtractedInvoiceSummary> {
    const { tenantId, invoiceId } = invoiceTaskInput(input);
    await this.commands.execute(new MarkInvoiceProcessingCommand(tenantId, invoiceId, context.executionId));
    const document = await this.queries.execute(new GetInvoiceDocumentQuery(tenantId, invoiceId));
    const analysis = await this.analyzer.analyze({ bytes: document.body, contentType: document.contentType });
    const recorded = await this.commands.execute(new RecordInvoiceExtractionCommand(tenantId, invoiceId, analysis.invoice));
    return { method: analysis.method, pages: analysis.pages, lines: recorded.lines.length, reviewReasons: analysis.invoice.reviewReasons };
  }
}
