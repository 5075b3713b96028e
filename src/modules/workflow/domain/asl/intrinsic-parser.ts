/**
 * Parser for intrinsic-function expressions such as
 * `States.Format('Hi {}', $.name, States.ArrayLength($.xs))`.
 * Kept separate from evaluation so a definition can be checked for syntax
 * errors without any input, and so evaluation code stays small.
 */
import { StatesError, StatesErrorName } from './errors';

export type IntrinsicArg =
  /** `raw` keeps backslash escapes because States.Format must tell `\{` from `{`. */
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'path'; path: string }
  | IntrinsicCall;

export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArg[];
}

export function isIntrinsicExpression(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  const call = parser.call();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected trailing characters');
  return call;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(why: string): never {
    throw new StatesError(StatesErrorName.IntrinsicFailure, `Invalid intrinsic '${this.text}': ${why} at position ${this.pos}`);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos])) this.pos++;
  }

  call(): IntrinsicCall {
    this.skipSpace();
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected a States.* function name');
    this.pos += match[0].length;
    this.skipSpace();
    this.expect('(');
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.pos++;
      return { kind: 'call', name: match[0], args };
    }
    for (;;) {
      args.push(this.arg());
      this.skipSpace();
      const ch = this.peek();
      this.pos++;
      if (ch === ')') return { kind: 'call', name: match[0], args };
      if (ch !== ',') this.fail("expected ',' or ')'");
    }
  }

  private arg(): IntrinsicArg {
    this.skipSpace();
    const ch = this.peek();
    if (ch === "'") return this.string();
    if (ch === '$') return { kind: 'path', path: this.path() };
    const rest = this.text.slice(this.pos);
    if (rest.startsWith('States.')) return this.call();
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    for (const [word, arg] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return arg;
      }
    }
    return this.fail('expected a string, number, boolean, null, path or function call');
  }

  /** Single-quoted literal; `\'`, `\\`, `\{` and `\}` are the escapes AWS documents. */
  private string(): IntrinsicArg {
    this.pos++;
    const start = this.pos;
    let value = '';
    while (!this.atEnd() && this.peek() !== "'") {
      if (this.peek() === '\\') {
        this.pos++;
        if (this.atEnd()) break;
      }
      value += this.text[this.pos++];
    }
    if (this.atEnd()) this.fail('unterminated string literal');
    const raw = this.text.slice(start, this.pos);
    this.pos++;
    return { kind: 'string', value, raw };
  }

  /** A path runs until a top-level ',' or ')'; brackets and quotes may contain either. */
  private path(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    while (!this.atEnd()) {
      const ch = this.peek();
      if (quote) {
        if (ch === '\\') this.pos++;
        else if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[') depth++;
      else if (ch === ']') depth--;
      else if (depth === 0 && (ch === ',' || ch === ')' || /\s/.test(ch))) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private peek(): string {
    return this.text[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }
}
