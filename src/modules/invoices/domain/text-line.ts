/**
 * A run of text on one visual row: a PDF text item, or OCR words close enough to read
 * as one phrase. Keeping cells (not just the joined line) is what lets the extractor
 * tell a label from the value beside it and line items' columns apart.
 */
export interface TextCell {
  text: string;
  /** Left and right edges in page units; only compared within the same page. */
  x0: number;
  x1: number;
  /** 0..1: OCR word confidence, 1 for a PDF text layer. */
  confidence: number;
}

export interface TextLine {
  page: number;
  /** Top of the row, growing downwards. */
  y: number;
  cells: TextCell[];
}

export const lineText = (line: TextLine): string => line.cells.map((c) => c.text).join(' ');

/**
 * Groups positioned fragments into rows and cells: fragments whose vertical centres are
 * within half the smaller text height share a row, and a horizontal gap wider than `cellGap`
 * text heights starts a new cell.
 */
export function groupIntoLines(
  fragments: { text: string; x0: number; x1: number; y0: number; y1: number; confidence: number; page: number }[],
  /** A gap wider than this many text heights starts a new cell: PDF text items carry their own spaces, OCR words do not. */
  cellGap = 1.1,
): TextLine[] {
  const sorted = fragments
    .filter((f) => f.text.trim() !== '')
    .sort((a, b) => a.page - b.page || (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const rows: (typeof sorted)[] = [];
  for (const f of sorted) {
    const row = rows[rows.length - 1];
    const centre = (f.y0 + f.y1) / 2;
    // Compared with the row's first fragment and the smaller height, so a large title does not chain two rows together.
    const first = row?.[0];
    const tolerance = first ? Math.max(2, Math.min(first.y1 - first.y0, f.y1 - f.y0) / 2) : 0;
    if (first && first.page === f.page && Math.abs((first.y0 + first.y1) / 2 - centre) <= tolerance) row.push(f);
    else rows.push([f]);
  }
  return rows.map((row) => {
    const parts = row.sort((a, b) => a.x0 - b.x0);
    const cells: TextCell[] = [];
    let words: typeof parts = [];
    const flush = () => {
      if (words.length === 0) return;
      cells.push({
        text: words.map((w) => w.text.trim()).join(' '),
        x0: words[0].x0,
        x1: words[words.length - 1].x1,
        confidence: Math.min(...words.map((w) => w.confidence)),
      });
      words = [];
    };
    for (const part of parts) {
      const prev = words[words.length - 1];
      const gap = prev ? part.x0 - prev.x1 : 0;
      if (prev && gap > (part.y1 - part.y0) * cellGap) flush();
      words.push(part);
    }
    flush();
    return { page: row[0].page, y: Math.min(...row.map((f) => f.y0)), cells };
  });
}
