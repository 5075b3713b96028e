/** Month names and abbreviations in the languages invoices reach us in (es, en, fr, de, nl, pt, it). */
const MONTHS: Record<string, number> = {};
[
  ['enero', 'january', 'janvier', 'januar', 'januari', 'janeiro', 'gennaio', 'jan', 'ene', 'janv', 'gen', 'jän'],
  ['febrero', 'february', 'février', 'fevrier', 'februar', 'februari', 'fevereiro', 'febbraio', 'feb', 'fev', 'févr', 'fevr'],
  ['marzo', 'march', 'mars', 'märz', 'maerz', 'maart', 'março', 'marco', 'mar', 'mrt', 'mär'],
  ['abril', 'april', 'avril', 'aprile', 'apr', 'abr', 'avr'],
  ['mayo', 'may', 'mai', 'mei', 'maio', 'maggio', 'mag'],
  ['junio', 'june', 'juin', 'juni', 'junho', 'giugno', 'jun', 'giu'],
  ['julio', 'july', 'juillet', 'juli', 'julho', 'luglio', 'jul', 'juil', 'lug'],
  ['agosto', 'august', 'août', 'aout', 'augustus', 'aug', 'ago', 'aoû'],
  ['septiembre', 'setiembre', 'september', 'septembre', 'setembro', 'settembre', 'sep', 'sept', 'set'],
  ['octubre', 'october', 'octobre', 'oktober', 'outubro', 'ottobre', 'oct', 'okt', 'out', 'ott'],
  ['noviembre', 'november', 'novembre', 'novembro', 'nov'],
  ['diciembre', 'december', 'décembre', 'decembre', 'dezember', 'dezembro', 'dicembre', 'dec', 'dic', 'déc', 'dez'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const MONTH = String.raw`([A-Za-zÀ-ÿ]{3,10})\.?`;
const SEP = String.raw`\s*(?:de\s+|del\s+)?`;
const PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => { y: string; a: string; b: string; named?: boolean; ymd?: boolean } }[] = [
  { re: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/, parts: (m) => ({ y: m[1], a: m[2], b: m[3], ymd: true }) },
  { re: /\b(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{4}|\d{2})(?![\d])/, parts: (m) => ({ y: m[3], a: m[1], b: m[2] }) },
  {
    re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th|er|º|°)?\.?${SEP}${MONTH}${SEP},?\s*(\d{4})\b`, 'i'),
    parts: (m) => ({ y: m[3], a: m[1], b: m[2], named: true }),
  },
  {
    re: new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})\b`, 'i'),
    parts: (m) => ({ y: m[3], a: m[2], b: m[1], named: true }),
  },
];

export interface DateHints {
  /** true for US documents: 03/04/2024 is March 4th. Defaults to day first (Spain, Europe). */
  monthFirst?: boolean;
}

const valid = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const fullYear = (y: string) => (y.length === 4 ? Number(y) : Number(y) + (Number(y) < 70 ? 2000 : 1900));

/**
 * The first date written in the text, as ISO YYYY-MM-DD, with where it was found.
 * Numeric dates are read day first unless the hints say the document is American;
 * either way the other reading is used when it is the only valid one (03/20/2023).
 */
export function findDate(text: string, hints: DateHints = {}): { iso: string; index: number; length: number } | null {
  let best: { iso: string; index: number; length: number } | null = null;
  for (const { re, parts } of PATTERNS) {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of text.matchAll(global)) {
      const date = toIso(parts(m as RegExpExecArray), hints);
      if (date && (!best || (m.index ?? 0) < best.index)) best = { iso: date, index: m.index ?? 0, length: m[0].length };
      if (date) break;
    }
  }
  return best;
}

export function normalizeDate(text: string, hints: DateHints = {}): string | null {
  return findDate(text, hints)?.iso ?? null;
}

function toIso(p: { y: string; a: string; b: string; named?: boolean; ymd?: boolean }, hints: DateHints): string | null {
  const year = fullYear(p.y);
  if (year < 1970 || year > 2100) return null;
  if (p.ymd) return valid(year, Number(p.a), Number(p.b)) ? iso(year, Number(p.a), Number(p.b)) : null;
  if (p.named) {
    const month = MONTHS[p.b.toLowerCase()];
    return month && valid(year, month, Number(p.a)) ? iso(year, month, Number(p.a)) : null;
  }
  const [first, second] = [Number(p.a), Number(p.b)];
  const readings = hints.monthFirst ? [[second, first], [first, second]] : [[first, second], [second, first]];
  for (const [day, month] of readings) if (valid(year, month, day)) return iso(year, month, day);
  return null;
}
