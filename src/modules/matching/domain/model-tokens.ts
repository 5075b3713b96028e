import { withoutQuantities } from './measures';

/**
 * Part and model numbers (`kx-tg6700`, `cs3`, `2007`): codes with a digit, separators
 * removed so `KX TG-6700` style spelling differences still meet. Pure numbers need three
 * digits, since a lone `2` or `10` says little about which product it is. Measures and
 * pack counts (`500 ml`, `30pk`) look like model numbers but are compared on their own.
 */
export function modelTokens(text: string): Set<string> {
  const found = new Set<string>();
  for (const raw of withoutQuantities(text).match(/[a-z0-9]+(?:[-/.][a-z0-9]+)*/g) ?? []) {
    const token = raw.replace(/[-/.]/g, '');
    if (!/\d/.test(token)) continue;
    if (/^\d+$/.test(token) ? token.length >= 3 : token.length >= 2) found.add(token);
  }
  return found;
}

/** 1 when the texts share a model token, -1 when both name models and none agree, 0 otherwise. */
export function compareModelTokens(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return 1;
      const [short, long] = x.length < y.length ? [x, y] : [y, x];
      // A suffix or prefix spelled apart (`tg6700` in `kxtg6700`) is the same model; `cs3` in `cs30` is not.
      if (short.length >= 4 && /[a-z]/.test(short) && long.includes(short)) return 1;
    }
  }
  return -1;
}
