/** CSV when `?format=csv`, or when the Accept header asks for text/csv and not for JSON; `?format` wins. */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  return format ? format === 'csv' : /\btext\/csv\b/.test(accept ?? '') && !/\bapplication\/json\b/.test(accept ?? '');
}
