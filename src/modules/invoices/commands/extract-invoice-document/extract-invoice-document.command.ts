import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface ExtractedInvoiceSummary {
  method: 'pdf-text' | 'ocr' | 'textract';
  pages: number;
  lines: number;
  reviewReasons: string[];
}

/** Reads the stored document (text layer, OCR or Textract) and records its normalized header and lines. */
@WorkflowTask('ExtractInvoiceDocument', { idempotent: true })
export class ExtractInvoiceDocumentCommand extends WorkflowTaskCommand<ExtractedInvoiceSummary> {}
