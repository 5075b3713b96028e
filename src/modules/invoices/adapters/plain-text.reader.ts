import { TextLine } from '../domain/text-line';

/**
 * A text dump (e.g. a PDF converted by pdftotext -layout) as lines whose cells are
 * separated by two or more spaces, positioned by character column.
 */
export function plainTextLines(text: string): TextLine[] {
  return text.split(/\r?\n/).flatMap((row, index) => {
    const cells = [...row.matchAll(/\S+(?: \S+)*/g)].map((m) => ({
      text: m[0],
      x0: m.index ?? 0,
      x1: (m.index ?? 0) + m[0].length,
      confidence: 1,
    }));
    return cells.length ? [{ page: 1, y: index, cells }] : [];
  });
}
