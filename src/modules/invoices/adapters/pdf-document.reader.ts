import { groupIntoLines, TextLine } from '../domain/text-line';

type PDFDocumentProxy = Awaited<ReturnType<(typeof import('unpdf'))['getDocumentProxy']>>;

export interface PdfText {
  pages: number;
  lines: TextLine[];
  document: PDFDocumentProxy;
}

/**
 * The text layer of a PDF as positioned lines (y grows downwards). Throws on a file
 * pdf.js cannot open; the caller turns that into Document.Unreadable.
 */
export async function readPdfText(bytes: Buffer): Promise<PdfText> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of the array it is given, so it gets a copy.
  const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const fragments = [];
  for (let p = 1; p <= document.numPages; p++) {
    const page = await document.getPage(p);
    const height = page.getViewport({ scale: 1 }).height;
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [, , , scaleY, x, baseline] = item.transform as number[];
      const size = item.height || Math.abs(scaleY) || 10;
      fragments.push({ text: item.str, x0: x, x1: x + item.width, y0: height - baseline - size, y1: height - baseline, confidence: 1, page: p });
    }
  }
  return { pages: document.numPages, lines: groupIntoLines(fragments, 0.6), document };
}

/** A page rendered to PNG for OCR; 2× (~144 dpi) is where tesseract reads body text reliably. */
export async function renderPdfPage(document: PDFDocumentProxy, page: number, scale = 2): Promise<Buffer> {
  const { renderPageAsImage } = await import('unpdf');
  const png = await renderPageAsImage(document, page, { canvasImport: () => import('@napi-rs/canvas'), scale });
  return Buffer.from(png);
}

/** Enough letters to be a real text layer, not just a scanner's page numbers or an empty layer. */
export const hasUsableText = (lines: TextLine[]) =>
  lines.reduce((n, l) => n + l.cells.reduce((m, c) => m + (c.text.match(/\p{L}/gu)?.length ?? 0), 0), 0) >= 40;
