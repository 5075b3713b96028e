import { InvalidInputError } from '../errors/application-errors';

/** ETags of versioned resources are the quoted version number. */
export const etagOf = (version: number) => `"${version}"`;

/** Reads `If-Match` ("3", W/"3" or *) into the expected version; `*` and absence mean any. */
export function expectedVersionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new InvalidInputError('If-Match must be an ETag returned by this API, e.g. "3"');
  return Number(match[1]);
}
