/** A bucket or key that cannot be stored; both adapters refuse the same ones. */
export class InvalidObjectKeyError extends Error {
  constructor(what: string, value: string) {
    super(`Invalid object ${what}: ${JSON.stringify(value.slice(0, 200))}`);
    this.name = 'InvalidObjectKeyError';
  }
}

// S3's rules for new buckets, which also keep the name a plain directory name locally.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_KEY_BYTES = 1024;

export function assertBucketName(bucket: string): void {
  if (!BUCKET.test(bucket) || bucket.includes('..')) throw new InvalidObjectKeyError('bucket', bucket);
}

/**
 * Keys are relative `/`-separated paths. S3 would accept `../x` or `/x` as opaque
 * names, but the local adapter maps keys to files, where they would escape the bucket
 * directory; refusing them everywhere keeps a key that works on one adapter working on both.
 */
export function assertObjectKey(key: string): void {
  const segments = key.split('/');
  const bad =
    key.length === 0 ||
    Buffer.byteLength(key) > MAX_KEY_BYTES ||
    /[\\\u0000-\u001f\u007f]/.test(key) ||
    segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new InvalidObjectKeyError('key', key);
}

/** A list prefix: like a key, but it may be empty or end with `/`. */
export function assertKeyPrefix(prefix: string): void {
  if (prefix === '') return;
  assertObjectKey(prefix.endsWith('/') ? `${prefix}x` : prefix);
}

/** S3 lowercases user metadata names; the local adapter does too so callers see one behaviour. */
export function normalizeMetadata(metadata: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
