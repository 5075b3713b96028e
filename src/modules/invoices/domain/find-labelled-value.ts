import { LabelledField, LABELS, matchLabel } from './invoice-labels';
import { TextCell, TextLine } from './text-line';

export interface LabelledValue<T> {
  value: T;
  tier: number;
  /** 0: after the label in the same cell or row; 1: in the cell under the label (table headers, boxed layouts). */
  position: 0 | 1;
  /** Lowest OCR confidence of the label and value cells (1 for PDF text). */
  ocrConfidence: number;
  /** Reading order, to prefer the first occurrence. */
  order: number;
}

const FIELDS = Object.keys(LABELS) as LabelledField[];

/** How long the longest label of any other field that starts this text is: a longer one claims the cell. */
function longestOtherLabel(field: LabelledField, text: string): number {
  return Math.max(0, ...FIELDS.filter((f) => f !== field).map((f) => matchLabel(f, text)?.length ?? 0));
}

export function isAnyLabel(text: string): boolean {
  return FIELDS.some((f) => matchLabel(f, text) !== null);
}

const overlap = (a: TextCell, b: TextCell) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/**
 * Every value `read` accepts next to a label of `field`: after the label in the same
 * cell, in the following cells of the row up to the next label, or in the cell right
 * under it in the next two rows.
 */
export function findLabelledValues<T>(lines: TextLine[], field: LabelledField, read: (text: string) => T | null): LabelledValue<T>[] {
  const found: LabelledValue<T>[] = [];
  lines.forEach((line, i) =>
    line.cells.forEach((cell, j) => {
      const label = matchLabel(field, cell.text);
      if (!label || longestOtherLabel(field, cell.text) > label.length) return;
      const order = i * 1000 + j;
      const push = (value: T | null, position: 0 | 1, valueCell: TextCell) => {
        if (value !== null) found.push({ value, tier: label.tier, position, ocrConfidence: Math.min(cell.confidence, valueCell.confidence), order });
        return value !== null;
      };
      const following: TextCell[] = [];
      for (const next of line.cells.slice(j + 1)) {
        if (isAnyLabel(next.text)) break;
        following.push(next);
      }
      // The rest of the row is read as one: "Tax 15% on 112.90 | 16.94" holds its value in the last cell.
      const row = [label.rest, ...following.map((c) => c.text)].filter(Boolean).join(' ');
      const rowCell = following.length ? { ...cell, confidence: Math.min(...following.map((c) => c.confidence)) } : cell;
      if (row && push(read(row), 0, rowCell)) return;
      for (const below of lines.slice(i + 1, i + 3).filter((l) => l.page === line.page)) {
        const under = below.cells
          .filter((c) => overlap(c, cell) > 0)
          .sort((a, b) => overlap(b, cell) - overlap(a, cell))[0];
        if (under && !isAnyLabel(under.text) && push(read(under.text), 1, under)) return;
      }
    }),
  );
  return found;
}

/** The best candidate: earliest tier, then beside before under, then `prefer` (e.g. the largest amount), then reading order. */
export function bestLabelledValue<T>(candidates: LabelledValue<T>[], prefer?: (a: T, b: T) => number): LabelledValue<T> | null {
  return (
    [...candidates].sort(
      (a, b) => a.tier - b.tier || a.position - b.position || (prefer ? prefer(a.value, b.value) : 0) || a.order - b.order,
    )[0] ?? null
  );
}

/** 0..1 for a value found by a label: weaker tiers and values under a header count for less, scaled by OCR certainty. */
export const labelConfidence = (v: LabelledValue<unknown>) =>
  Math.round(Math.max(0.3, 0.95 - 0.1 * v.tier - 0.1 * v.position) * v.ocrConfidence * 100) / 100;
