/**
 * Blob storage: a local directory by default (DATA_DIR/objects/<bucket>/<key>), S3 on AWS.
 * Objects are immutable once written; keys are `/`-separated paths.
 */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export interface PutOptions {
  contentType?: string;
  /** Small string metadata kept with the object (S3 user metadata). */
  metadata?: Record<string, string>;
}

export interface StoredObject {
  bucket: string;
  key: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
}

export interface ObjectStorage {
  put(bucket: string, key: string, body: Buffer, options?: PutOptions): Promise<StoredObject>;
  /** Null when the object does not exist. */
  get(bucket: string, key: string): Promise<(StoredObject & { body: Buffer }) | null>;
  head(bucket: string, key: string): Promise<StoredObject | null>;
  /** Keys under a prefix, in lexicographic order. */
  list(bucket: string, prefix: string): Promise<string[]>;
}
