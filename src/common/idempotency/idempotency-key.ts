import { InvalidInputError } from '../errors/application-errors';

const KEY = /^[\w.:-]{1,200}$/;

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new InvalidInputError('Idempotency-Key must be 1-200 characters of letters, digits, _ . : -');
  }
  return header;
}
