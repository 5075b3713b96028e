import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { ObjectStorage, PutOptions, StoredObject } from '../../common/storage/object-storage.port';
import { assertBucketName, assertKeyPrefix, assertObjectKey, DEFAULT_CONTENT_TYPE, normalizeMetadata } from './object-key';

interface Sidecar {
  contentType: string;
  metadata: Record<string, string>;
}

/**
 * Objects as files: `<root>/<bucket>/<key>`, their content type and metadata in a
 * sidecar JSON under `<root>/.meta/<bucket>/<key>.json` (a parallel tree, so no key can
 * collide with a sidecar and listing never sees one). Writes go to `<root>/.tmp` and are
 * renamed into place, so a reader sees either no object or a whole one. Bucket names
 * cannot start with a dot, so `.meta` and `.tmp` are never buckets. Unlike S3, a key
 * cannot also be the directory of another (`a` and `a/b`); the app's keys never nest so.
 */
export class LocalObjectStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  async put(bucket: string, key: string, body: Buffer, options: PutOptions = {}): Promise<StoredObject> {
    const sidecar: Sidecar = { contentType: options.contentType ?? DEFAULT_CONTENT_TYPE, metadata: normalizeMetadata(options.metadata) };
    // Sidecar first: the data file's presence is what makes the object exist.
    await this.writeAtomically(this.sidecarPath(bucket, key), Buffer.from(JSON.stringify(sidecar)));
    await this.writeAtomically(this.dataPath(bucket, key), body);
    return { bucket, key, size: body.length, ...sidecar };
  }

  async get(bucket: string, key: string): Promise<(StoredObject & { body: Buffer }) | null> {
    const body = await readFile(this.dataPath(bucket, key)).catch(ifMissing(null));
    if (!body) return null;
    return { bucket, key, size: body.length, ...(await this.readSidecar(bucket, key)), body };
  }

  async head(bucket: string, key: string): Promise<StoredObject | null> {
    const info = await stat(this.dataPath(bucket, key)).catch(ifMissing(null));
    if (!info?.isFile()) return null;
    return { bucket, key, size: info.size, ...(await this.readSidecar(bucket, key)) };
  }

  async list(bucket: string, prefix: string): Promise<string[]> {
    assertBucketName(bucket);
    assertKeyPrefix(prefix);
    // Walk only the deepest directory the prefix names whole, then filter on the rest.
    const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys = await this.walk(join(this.root, bucket, ...dir.split('/').filter(Boolean)), dir);
    return keys.filter((k) => k.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  private async walk(dir: string, keyDir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(ifMissing([]));
    const nested = await Promise.all(
      entries.map(async (entry) => {
        const key = keyDir ? posix.join(keyDir, entry.name) : entry.name;
        if (entry.isDirectory()) return this.walk(join(dir, entry.name), key);
        return entry.isFile() ? [key] : [];
      }),
    );
    return nested.flat();
  }

  private async readSidecar(bucket: string, key: string): Promise<Sidecar> {
    const text = await readFile(this.sidecarPath(bucket, key), 'utf8').catch(ifMissing(null));
    return text ? (JSON.parse(text) as Sidecar) : { contentType: DEFAULT_CONTENT_TYPE, metadata: {} };
  }

  private async writeAtomically(path: string, body: Buffer): Promise<void> {
    const tmpDir = join(this.root, '.tmp');
    const tmp = join(tmpDir, randomUUID());
    await mkdir(tmpDir, { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(tmp, body, { flush: true });
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  private dataPath(bucket: string, key: string): string {
    assertBucketName(bucket);
    assertObjectKey(key);
    return join(this.root, bucket, ...key.split('/'));
  }

  private sidecarPath(bucket: string, key: string): string {
    assertBucketName(bucket);
    assertObjectKey(key);
    return `${join(this.root, '.meta', bucket, ...key.split('/'))}.json`;
  }
}

function ifMissing<T>(fallback: T) {
  return (error: NodeJS.ErrnoException): T => {
    // ENOTDIR: a key that runs through another object's file, e.g. `a/b` when `a` exists.
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return fallback;
    throw error;
  };
}
