import { NormalizedInvoice } from './normalized-invoice';

export const DOCUMENT_ANALYZER = Symbol('DOCUMENT_ANALYZER');

export interface DocumentInput {
  bytes: Buffer;
  /** application/pdf, image/png, image/jpeg, image/tiff, text/plain. */
  contentType: string;
}

export interface DocumentAnalysis {
  invoice: NormalizedInvoice;
  pages: number;
  /** How the text was read: the PDF's own text layer, OCR of rendered pages, or Textract. */
  method: 'pdf-text' | 'ocr' | 'textract';
  /** Only when OCR ran: wall-clock seconds per page, for capacity planning. */
  ocrSecondsPerPage?: number;
}

/** Reads an invoice document (digital PDF, scan or photo) into a NormalizedInvoice. */
export interface DocumentAnalyzer {
  analyze(document: DocumentInput): Promise<DocumentAnalysis>;
}

/**
 * The document cannot be read: a corrupt PDF, an image with no legible text, an
 * unsupported type. The invoice should fail with this message, not be retried.
 */
export class DocumentUnreadableError extends Error {
  override readonly name = 'Document.Unreadable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
