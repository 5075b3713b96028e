import { InvalidInputError } from '../errors/application-errors';

export class InvalidCursorError extends InvalidInputError {
  constructor() {
    super('cursor is not valid for this listing');
  }
}

/** Cursors are opaque to clients: base64url JSON of whatever position the adapter needs. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!isValid(value)) throw new InvalidCursorError();
  return value;
}
