import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { ObjectStorage, PutOptions, StoredObject } from '../../common/storage/object-storage.port';
import { assertBucketName, assertKeyPrefix, assertObjectKey, DEFAULT_CONTENT_TYPE, normalizeMetadata } from '../storage/object-key';

/** ListObjectsV2's own maximum page size. */
const MAX_KEYS = 1000;

/** OBJECT_STORAGE on S3 (or any S3-compatible endpoint such as s3rver or LocalStack). */
export class S3ObjectStorage implements ObjectStorage {
  constructor(
    private readonly client: S3Client,
    private readonly listPageSize = MAX_KEYS,
  ) {}

  async put(bucket: string, key: string, body: Buffer, options: PutOptions = {}): Promise<StoredObject> {
    assertBucketName(bucket);
    assertObjectKey(key);
    const contentType = options.contentType ?? DEFAULT_CONTENT_TYPE;
    const metadata = normalizeMetadata(options.metadata);
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, Metadata: metadata }));
    return { bucket, key, size: body.length, contentType, metadata };
  }

  async get(bucket: string, key: string): Promise<(StoredObject & { body: Buffer }) | null> {
    assertBucketName(bucket);
    assertObjectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = Buffer.from((await out.Body?.transformToByteArray()) ?? []);
      return { bucket, key, size: body.length, contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE, metadata: out.Metadata ?? {}, body };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(bucket: string, key: string): Promise<StoredObject | null> {
    assertBucketName(bucket);
    assertObjectKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { bucket, key, size: out.ContentLength ?? 0, contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE, metadata: out.Metadata ?? {} };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async list(bucket: string, prefix: string): Promise<string[]> {
    assertBucketName(bucket);
    assertKeyPrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token, MaxKeys: this.listPageSize }),
      );
      for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}

/** HEAD has no body, so a missing object is a bare 404 (NotFound) rather than NoSuchKey. */
function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404 && error.name !== 'NoSuchBucket');
}
