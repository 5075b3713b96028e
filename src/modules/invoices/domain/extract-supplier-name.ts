import { bestLabelledValue, findLabelledValues, isAnyLabel, labelConfidence } from './find-labelled-value';
import { matchLabel } from './invoice-labels';
import { Field } from './normalized-invoice';
import { TextCell, TextLine } from './text-line';

/** Legal forms that mark a company name (es, en, fr, de, nl, it, pl, in); case-sensitive so "ag" or "sa" in words do not count. */
const LEGAL_FORM =
  /(?:^|[\s,])(?:S\.?\s?L\.?(?:U\.?)?|S\.?\s?A\.?(?:U\.?)?|S\.?L\.?L\.?|S\.?\s?Coop\.?|Inc\.?|Ltd\.?|LLC|GmbH|AG|B\.?V\.?|N\.?V\.?|SAS|SARL|S\.?p\.?A\.?|S\.?r\.?l\.?|Limited|Corp\.?|Corporation|plc|PLC|sp\.?\s?z\s?o\.?\s?o\.?|Pvt\.?\s?Ltd\.?|Private Limited)(?=$|[\s,.])/;
const TITLE = /^(?:invoice|factura|facture|rechnung|factuur|faktura|fattura|fatura|receipt|recibo|bill|tax invoice|payment receipt|retail invoices?)\b/i;
const NOT_A_NAME = /@|www\.|https?:|^\(|^[\d\s+()./-]+$|^(?:tel|phone|fax|tlf|teléfono|page|p[aá]gina)\b/i;

function readName(text: string): string | null {
  const name = text.replace(/^[:\s]+/, '').replace(/[,\s]+$/, '').trim();
  return name.length >= 2 && name.length <= 80 && /\p{L}{2}/u.test(name) && !NOT_A_NAME.test(name) && !isAnyLabel(name) ? name : null;
}

/** Cells under a "Bill to" / "Cliente" label: the recipient's block, never the supplier. */
function recipientCells(lines: TextLine[]): Set<TextCell> {
  const cells = new Set<TextCell>();
  lines.forEach((line, i) =>
    line.cells.forEach((label, j) => {
      if (!matchLabel('recipient', label.text)) return;
      const right = line.cells[j + 1]?.x0 ?? Infinity;
      cells.add(label);
      for (const below of lines.slice(i + 1, i + 7).filter((l) => l.page === line.page)) {
        below.cells.filter((c) => c.x0 >= label.x0 - (label.x1 - label.x0) && c.x0 < right).forEach((c) => cells.add(c));
      }
      line.cells.slice(j + 1).forEach((c) => cells.add(c));
    }),
  );
  return cells;
}

/**
 * The issuer, not the recipient: a "Supplier"/"Sold by" label first; else the first
 * company name (a cell with a legal form) on the first page outside recipient blocks;
 * else the first plain name at the top of the first page.
 */
export function extractSupplierName(lines: TextLine[]): Field<string> | null {
  const labelled = bestLabelledValue(findLabelledValues(lines, 'supplierName', readName));
  if (labelled) return { value: labelled.value, confidence: labelConfidence(labelled) };
  const recipient = recipientCells(lines);
  const firstPage = lines.filter((l) => l.page === lines[0]?.page);
  const usable = firstPage.flatMap((l) => l.cells).filter((c) => !recipient.has(c) && !TITLE.test(c.text) && readName(c.text));
  const company = usable.find((c) => LEGAL_FORM.test(c.text));
  if (company) return { value: readName(company.text)!, confidence: Math.round(0.75 * company.confidence * 100) / 100 };
  const top = usable.find((c) => /^\p{Lu}/u.test(c.text) && !/\d{3,}/.test(c.text));
  return top ? { value: readName(top.text)!, confidence: Math.round(0.4 * top.confidence * 100) / 100 } : null;
}
