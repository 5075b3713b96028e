/** ISO 4217 codes we recognise when written out; limited to real, common ones so words like "ALL" are not read as currencies. */
const CODES = ['EUR', 'USD', 'GBP', 'INR', 'PLN', 'CHF', 'JPY', 'CNY', 'MXN', 'ARS', 'CLP', 'COP', 'PEN', 'BRL', 'UYU', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'CZK', 'HUF', 'RON', 'MAD', 'ZAR'];

/** Signs and words, checked longest first so "US$" wins over "$". */
const SIGNS: [RegExp, string][] = [
  [/US\$|U\$S|\bUS dollars?\b|\bd[oó]lares estadounidenses\b/i, 'USD'],
  [/C\$|CA\$/, 'CAD'],
  [/A\$|AU\$/, 'AUD'],
  [/MX\$/, 'MXN'],
  [/€|\beuros?\b/i, 'EUR'],
  [/£|\bpounds? sterling\b/i, 'GBP'],
  [/₹|\bRs\.?\s?-?\d|\brupees?\b/i, 'INR'],
  [/zł|\bzłotych\b/i, 'PLN'],
  [/¥/, 'JPY'],
  [/\bCHF\b|\bFr\.\s?\d/, 'CHF'],
  [/\$/, 'USD'],
];

/** One value's currency: "EUR", "€", "US$", "euros" → ISO 4217, or null. */
export function normalizeCurrency(text: string): string | null {
  const code = new RegExp(`\\b(${CODES.join('|')})\\b`).exec(text.toUpperCase());
  if (code) return code[1];
  return SIGNS.find(([re]) => re.test(text))?.[1] ?? null;
}

/**
 * A document's currency: the code or sign written most often. An ISO code counts
 * double because it is unambiguous, while "$" alone could be any dollar or peso.
 * `localeHint` (e.g. "MXN" for a Mexican supplier) replaces a bare "$" reading.
 */
export function detectDocumentCurrency(text: string, localeHint?: string): { code: string; votes: number } | null {
  const votes = new Map<string, number>();
  const add = (code: string, n: number) => votes.set(code, (votes.get(code) ?? 0) + n);
  for (const m of text.matchAll(new RegExp(`\\b(${CODES.join('|')})\\b`, 'g'))) add(m[1], 2);
  let rest = text;
  for (const [re, code] of SIGNS) {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    const count = (rest.match(global) ?? []).length;
    if (count === 0) continue;
    add(code === 'USD' && re.source === '\\$' && localeHint ? localeHint : code, count);
    rest = rest.replace(global, ' ');
  }
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  return best ? { code: best[0], votes: best[1] } : null;
}

/** Decimal places of the currency's minor unit, for rounding tolerances. */
export function minorUnitDigits(currency: string | null | undefined): number {
  if (currency && ['JPY', 'CLP', 'KRW', 'HUF'].includes(currency)) return 0;
  return 2;
}
