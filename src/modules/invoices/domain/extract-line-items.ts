import { matchLabel } from './invoice-labels';
import { Field, NormalizedInvoiceLine } from './normalized-invoice';
import { normalizeAmount, normalizeDecimal } from './normalize-amount';
import { TextCell, TextLine } from './text-line';

type Column = 'supplierCode' | 'description' | 'quantity' | 'unit' | 'unitPrice' | 'lineTotal' | 'other';

/** Column headings, checked in this order so "Unit price" is a price and not a unit. */
const HEADINGS: [Column, RegExp][] = [
  ['unitPrice', /^(?:precio(?:\s*unit(?:ario)?\.?)?|p\.?\s*unit(?:ario)?\.?|unit\s*price|price|rate|p\.?\s*u\.?(?:\s*ht)?|prix(?:\s*unitaire)?|(?:vk-|einzel)?preis|prijs|cena|prezzo)\b/i],
  ['supplierCode', /^(?:c[oó]d(?:igo)?\.?|ref(?:erencia)?\.?|sku|(?:product\s*|item\s*)?code|art(?:ikel)?\.?\s*-?nr\.?|artikelnummer)(?![\p{L}])/iu],
  ['lineTotal', /^(?:importe|total|amount|montant|betrag|zeilenbetrag|gesamt(?:preis)?|bedrag|warto[śs][ćc]|line\s*total|subtotal)\b/i],
  ['quantity', /^(?:cant(?:idad)?\.?|uds\.?|unidades|qty\.?|quantity|qt[ée]\.?|quantit[ée]|nombre|menge|anzahl|aantal|hoeveelheid|ilo[śs][ćc]|quantit[àa]|quantidade)(?![\p{L}])/iu],
  ['unit', /^(?:unidad|ud\.?|unit|uom|u\.?\s*m\.?|jm|einheit|eenheid|unit[ée])(?![\p{L}])/iu],
  ['description', /^(?:descripci[oó]n|concepto|art[ií]culo|producto|detalle|description|item|product|d[ée]signation|libell[ée]|beschreibung|bezeichnung|artikel|omschrijving|title|nazwa)(?![\p{L}])/iu],
];

const columnOf = (text: string): Column | null => HEADINGS.find(([, re]) => re.test(text.trim()))?.[0] ?? null;

interface Header {
  index: number;
  columns: { column: Column; cell: TextCell }[];
}

function findHeaders(lines: TextLine[]): Header[] {
  const headers: Header[] = [];
  lines.forEach((line, index) => {
    const columns = line.cells.map((cell) => ({ column: columnOf(cell.text) ?? 'other', cell }));
    const kinds = new Set(columns.map((c) => c.column).filter((c) => c !== 'other'));
    const priced = kinds.has('lineTotal') || kinds.has('unitPrice');
    if (priced && kinds.size >= 3) headers.push({ index, columns });
  });
  return headers;
}

/** The heading whose span a cell overlaps most; if none, the nearest by centre. */
function assign(cell: TextCell, header: Header): Column {
  const centre = (c: TextCell) => (c.x0 + c.x1) / 2;
  const scored = header.columns.map((h) => ({
    column: h.column,
    overlap: Math.min(cell.x1, h.cell.x1) - Math.max(cell.x0, h.cell.x0),
    distance: Math.abs(centre(cell) - centre(h.cell)),
  }));
  const overlapping = scored.filter((s) => s.overlap > 0).sort((a, b) => b.overlap - a.overlap);
  return (overlapping[0] ?? scored.sort((a, b) => a.distance - b.distance)[0]).column;
}

/** Rows at and after the totals block are not items; "Subtotal" of a section is skipped instead. */
function endsItems(line: TextLine): boolean {
  return line.cells.some((c) => matchLabel('total', c.text) || matchLabel('tax', c.text) || matchLabel('subtotal', c.text)?.tier === 0);
}

const field = <T>(value: T | null, cell: TextCell): Field<T> | null =>
  value === null ? null : { value, confidence: Math.round(0.85 * cell.confidence * 100) / 100 };

function toLine(line: TextLine, header: Header): NormalizedInvoiceLine | null {
  const by = new Map<Column, TextCell[]>();
  for (const cell of line.cells) {
    const column = assign(cell, header);
    by.set(column, [...(by.get(column) ?? []), cell]);
  }
  const first = (c: Column) => by.get(c)?.[0];
  const amountCells = line.cells.filter((c) => normalizeAmount(c.text.replace(/[€$£₹]|EUR|USD|Rs\.?/g, '')) !== null && /\d/.test(c.text));
  const totalCell = first('lineTotal') ?? amountCells[amountCells.length - 1];
  const lineTotal = totalCell ? normalizeAmount(totalCell.text.replace(/[€$£₹]|EUR|USD|Rs\.?/g, '')) : null;
  const textCells = (by.get('description') ?? line.cells.filter((c) => !/^[\d\s.,€$£%-]+$/.test(c.text))).filter((c) => c !== totalCell);
  if (lineTotal === null || textCells.length === 0) return null;
  let description = textCells.map((c) => c.text).join(' ');
  let code = first('supplierCode') ? field(first('supplierCode')!.text, first('supplierCode')!) : null;
  const bracketed = /^\[([^\]]+)\]\s*(.+)$/.exec(description);
  if (!code && bracketed) {
    code = field(bracketed[1], textCells[0]);
    description = bracketed[2];
  }
  const qtyCell = first('quantity');
  const qty = qtyCell ? /^(-?[\d.,]+)\s*([\p{L}.]+)?$/u.exec(qtyCell.text.trim()) : null;
  const unitCell = first('unit');
  const priceCell = first('unitPrice');
  return {
    description: { value: description, confidence: Math.round(0.85 * Math.min(...textCells.map((c) => c.confidence)) * 100) / 100 },
    supplierCode: code,
    quantity: qty && qtyCell ? field(normalizeDecimal(qty[1]), qtyCell) : null,
    unit: unitCell ? field(unitCell.text, unitCell) : qty?.[2] && qtyCell ? field(qty[2], qtyCell) : null,
    unitPrice: priceCell ? field(normalizeAmount(priceCell.text.replace(/[€$£₹]|EUR|USD|Rs\.?/g, '')), priceCell) : null,
    lineTotal: field(lineTotal, totalCell!),
  };
}

/**
 * Line items from a table: a heading row with at least three known columns (one of
 * them a price or amount), then every row with an amount and some text until the
 * totals block. Rows without an amount (notes, serial numbers) are not items.
 */
export function extractLineItems(lines: TextLine[]): NormalizedInvoiceLine[] {
  const items: NormalizedInvoiceLine[] = [];
  const headers = findHeaders(lines);
  headers.forEach((header, h) => {
    const stop = headers[h + 1]?.index ?? lines.length;
    for (const line of lines.slice(header.index + 1, stop)) {
      if (line.page !== lines[header.index].page || endsItems(line)) break;
      if (matchLabel('subtotal', line.cells[0]?.text ?? '')) continue;
      const item = toLine(line, header);
      if (item) items.push(item);
    }
  });
  return items;
}
