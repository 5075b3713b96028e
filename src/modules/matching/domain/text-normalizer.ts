/**
 * Text normalisation shared by matching, alias keys and search queries, so that an
 * invoice line and a catalog entry that differ only in case, accents or punctuation
 * compare equal.
 */

const STOP_WORDS = new Set([
  // Spanish
  'de', 'del', 'la', 'las', 'el', 'los', 'y', 'o', 'en', 'con', 'sin', 'para', 'por', 'un', 'una', 'unos', 'unas', 'al', 'a',
  // English
  'the', 'of', 'and', 'or', 'for', 'with', 'without', 'in', 'on', 'to', 'an', 'by', 'from', 'at', 'is', 'new',
]);

/** Lowercase, diacritics stripped, decimal commas as points (`0,5` → `0.5`). */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1.$2');
}

/** Every alphanumeric token, decimals kept whole (`1.5`, `v11.1`). */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(/[a-z0-9]+(?:\.[0-9]+)*/g) ?? [];
}

/** Tokens that carry meaning: stop words and one-letter tokens dropped. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((t) => t.length > 1 && !STOP_WORDS.has(t));
}

/** The key a learned alias is stored under: equal for descriptions that differ only in case, accents, punctuation or spacing. */
export function aliasKeyOf(description: string): string {
  return tokenize(description).join(' ');
}
