import { normalizeText } from './text-normalizer';

export type Dimension = 'volume' | 'mass' | 'length' | 'data';

/** A quantity in its dimension's base unit (litre, kilogram, metre, gigabyte). */
export interface Measure {
  dimension: Dimension;
  value: number;
}

const UNITS: Record<string, { dimension: Dimension; factor: number }> = {
  ml: { dimension: 'volume', factor: 0.001 },
  cl: { dimension: 'volume', factor: 0.01 },
  dl: { dimension: 'volume', factor: 0.1 },
  l: { dimension: 'volume', factor: 1 },
  lt: { dimension: 'volume', factor: 1 },
  ltr: { dimension: 'volume', factor: 1 },
  litro: { dimension: 'volume', factor: 1 },
  litros: { dimension: 'volume', factor: 1 },
  liter: { dimension: 'volume', factor: 1 },
  liters: { dimension: 'volume', factor: 1 },
  litre: { dimension: 'volume', factor: 1 },
  litres: { dimension: 'volume', factor: 1 },
  mg: { dimension: 'mass', factor: 0.000001 },
  g: { dimension: 'mass', factor: 0.001 },
  gr: { dimension: 'mass', factor: 0.001 },
  grs: { dimension: 'mass', factor: 0.001 },
  gramos: { dimension: 'mass', factor: 0.001 },
  grams: { dimension: 'mass', factor: 0.001 },
  kg: { dimension: 'mass', factor: 1 },
  kgs: { dimension: 'mass', factor: 1 },
  kilo: { dimension: 'mass', factor: 1 },
  kilos: { dimension: 'mass', factor: 1 },
  oz: { dimension: 'mass', factor: 0.028349523125 },
  lb: { dimension: 'mass', factor: 0.45359237 },
  lbs: { dimension: 'mass', factor: 0.45359237 },
  mm: { dimension: 'length', factor: 0.001 },
  cm: { dimension: 'length', factor: 0.01 },
  m: { dimension: 'length', factor: 1 },
  mb: { dimension: 'data', factor: 1 / 1024 },
  gb: { dimension: 'data', factor: 1 },
  tb: { dimension: 'data', factor: 1024 },
};

const MEASURE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${Object.keys(UNITS).join('|')})(?![a-z])`, 'g');
const PACK_PATTERNS = [
  /\b(?:pack|paquete|caja|case|box|set)\s*(?:of|de)?\s*(\d{1,4})\b/g,
  /\b(\d{1,4})\s*(?:pk|pck|pack|uds?|unidades|units|ct|count|pcs|pzs?)\b/g,
  /(?:^|[\s(])x\s*(\d{1,4})\b/g,
  /\b(\d{1,4})\s*x(?=\s|\d|$)/g,
];

/** Measures named in the text, converted to base units: `500 ml` and `0,5 l` both give 0.5 litre. */
export function parseMeasures(text: string): Measure[] {
  const normalized = normalizeText(text);
  return [...normalized.matchAll(MEASURE)].map((m) => {
    const unit = UNITS[m[2]];
    return { dimension: unit.dimension, value: Number(m[1]) * unit.factor };
  });
}

/** The pack size (`pack of 6`, `x6`, `6x`, `30pk`, `12 uds`), or null when none is named. */
export function parsePackCount(text: string): number | null {
  const normalized = normalizeText(text);
  for (const pattern of PACK_PATTERNS) {
    for (const m of normalized.matchAll(pattern)) {
      const count = Number(m[1]);
      if (count > 1) return count;
    }
  }
  return null;
}

/** The text with its measures and pack counts blanked out, so their numbers are not read as model numbers. */
export function withoutQuantities(text: string): string {
  return [MEASURE, ...PACK_PATTERNS].reduce((t, pattern) => t.replace(pattern, ' '), normalizeText(text));
}

/** 1 when every shared dimension agrees, -1 when one disagrees, 0 when nothing can be compared. */
export function compareMeasures(a: Measure[], b: Measure[]): number {
  const dimensions = new Set(a.map((m) => m.dimension).filter((d) => b.some((m) => m.dimension === d)));
  if (dimensions.size === 0) return 0;
  for (const dimension of dimensions) {
    const agree = a.some((x) => x.dimension === dimension && b.some((y) => y.dimension === dimension && nearlyEqual(x.value, y.value)));
    if (!agree) return -1;
  }
  return 1;
}

const nearlyEqual = (x: number, y: number) => Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y));
