import { OnModuleDestroy } from '@nestjs/common';
import { DocumentAnalysis, DocumentAnalyzer, DocumentInput, DocumentUnreadableError } from '../domain/document-analyzer.port';
import { extractInvoice } from '../domain/extract-invoice';
import { TextLine } from '../domain/text-line';
import { hasUsableText, readPdfText, renderPdfPage } from './pdf-document.reader';
import { plainTextLines } from './plain-text.reader';
import { TesseractOcrEngine } from './tesseract-ocr.engine';

export interface EmbeddedDocumentAnalyzerOptions {
  /** tesseract.js languages joined with '+', e.g. 'spa+eng'. */
  languages: string;
  /** Per page; a page that takes longer fails the document instead of hanging the worker. */
  ocrTimeoutMs?: number;
  /** Scanned PDFs beyond this many pages are only read up to it. */
  maxOcrPages?: number;
}

/** Below this mean word confidence an OCR'd page is noise, not text. */
const LEGIBLE = 0.45;

/**
 * Digital PDFs are read from their text layer; images and PDFs without one are
 * rendered and OCR'd with tesseract.js, fully offline. Both feed the same extractor.
 */
export class EmbeddedDocumentAnalyzer implements DocumentAnalyzer, OnModuleDestroy {
  private readonly ocr: TesseractOcrEngine;

  constructor(private readonly options: EmbeddedDocumentAnalyzerOptions) {
    this.ocr = new TesseractOcrEngine({ languages: options.languages, timeoutMs: options.ocrTimeoutMs ?? 60_000 });
  }

  async analyze({ bytes, contentType }: DocumentInput): Promise<DocumentAnalysis> {
    const kind = documentKind(bytes, contentType);
    if (kind === 'text') {
      return this.result(plainTextLines(bytes.toString('utf8')), 1, 'pdf-text');
    }
    if (kind === 'pdf') return this.analyzePdf(bytes);
    if (kind === 'image') {
      const started = Date.now();
      const lines = await this.ocrImage(bytes, 1);
      return { ...this.result(lines, 1, 'ocr'), ocrSecondsPerPage: (Date.now() - started) / 1000 };
    }
    throw new DocumentUnreadableError(`Unsupported document type ${contentType || 'unknown'}: send a PDF, PNG, JPEG or TIFF`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.ocr.terminate();
  }

  private async analyzePdf(bytes: Buffer): Promise<DocumentAnalysis> {
    const pdf = await readPdfText(bytes).catch((error: unknown) => {
      throw new DocumentUnreadableError(`The PDF cannot be opened: ${(error as Error).message}`, { cause: error });
    });
    try {
      if (hasUsableText(pdf.lines)) return this.result(pdf.lines, pdf.pages, 'pdf-text');
      const started = Date.now();
      const pages = Math.min(pdf.pages, this.options.maxOcrPages ?? 10);
      const lines: TextLine[] = [];
      for (let page = 1; page <= pages; page++) {
        const png = await renderPdfPage(pdf.document, page).catch((error: unknown) => {
          throw new DocumentUnreadableError(`Page ${page} of the PDF cannot be rendered: ${(error as Error).message}`, { cause: error });
        });
        lines.push(...(await this.ocrImage(png, page)));
      }
      return { ...this.result(lines, pdf.pages, 'ocr'), ocrSecondsPerPage: (Date.now() - started) / 1000 / pages };
    } finally {
      await pdf.document.destroy();
    }
  }

  private async ocrImage(bytes: Buffer, page: number): Promise<TextLine[]> {
    const png = await toPng(bytes);
    const result = await this.ocr.recognize(png, page).catch((error: unknown) => {
      throw new DocumentUnreadableError(`OCR failed: ${(error as Error).message}`, { cause: error });
    });
    if (result.words < 3 || result.confidence < LEGIBLE) {
      throw new DocumentUnreadableError(`No legible text found (${result.words} words, confidence ${result.confidence.toFixed(2)})`);
    }
    return result.lines;
  }

  private result(lines: TextLine[], pages: number, method: DocumentAnalysis['method']): DocumentAnalysis {
    if (lines.length === 0) throw new DocumentUnreadableError('The document contains no text');
    return { invoice: extractInvoice(lines), pages, method };
  }
}

type Kind = 'pdf' | 'image' | 'text' | 'unknown';

/** Magic bytes first: a client's content type is a hint, not a promise. */
function documentKind(bytes: Buffer, contentType: string): Kind {
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (/^\x89PNG|^\xff\xd8\xff|^II\*\0|^MM\0\*|^GIF8|^BM|^RIFF....WEBP/s.test(head)) return 'image';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type === 'text/plain') return 'text';
  return 'unknown';
}

/**
 * Decodes the image (rejecting what is not one) and re-encodes it as PNG, upscaled when
 * small: tesseract misreads text under ~20 px high, and phone photos arrive in any format.
 */
async function toPng(bytes: Buffer): Promise<Buffer> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(bytes).catch((error: unknown) => {
    throw new DocumentUnreadableError(`The image cannot be decoded: ${(error as Error).message}`, { cause: error });
  });
  if (!image.width || !image.height) throw new DocumentUnreadableError('The image is empty');
  const scale = image.width < 1200 ? 2 : 1;
  const canvas = createCanvas(image.width * scale, image.height * scale);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.encode('png');
}
