import type { ObjectStorage } from '../../src/common/storage/object-storage.port';

export interface ObjectStorageHarness {
  storage: ObjectStorage;
  /** A bucket that exists and starts empty. */
  bucket: string;
  close(): Promise<void>;
}

/** The behaviour every ObjectStorage adapter must share. */
export function describeObjectStorageContract(name: string, open: () => Promise<ObjectStorageHarness>): void {
  describe(`ObjectStorage contract: ${name}`, () => {
    let h: ObjectStorageHarness;

    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h?.close());

    it('stores bytes unchanged with their content type and metadata, and reads them back', async () => {
      const body = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10, 0x80]);
      const stored = await h.storage.put(h.bucket, 'tenant=t1/2024/05/abc.pdf', body, {
        contentType: 'application/pdf',
        metadata: { sha256: 'abc', 'Original-Filename': 'factura%20enero.pdf' },
      });
      const expected = {
        bucket: h.bucket,
        key: 'tenant=t1/2024/05/abc.pdf',
        size: 9,
        contentType: 'application/pdf',
        // Names come back lowercase, as S3 stores them.
        metadata: { sha256: 'abc', 'original-filename': 'factura%20enero.pdf' },
      };
      expect(stored).toEqual(expected);
      const read = await h.storage.get(h.bucket, 'tenant=t1/2024/05/abc.pdf');
      expect(read).toEqual({ ...expected, body });
      expect(Buffer.compare(read!.body, body)).toBe(0);
      expect(await h.storage.head(h.bucket, 'tenant=t1/2024/05/abc.pdf')).toEqual(expected);
    });

    it('keys may hold spaces, plus signs, equals signs and non-ASCII letters', async () => {
      const key = 'tenant=t 2/año+más/fáctura (1).png';
      await h.storage.put(h.bucket, key, Buffer.from('x'), { contentType: 'image/png' });
      expect((await h.storage.get(h.bucket, key))?.body.toString()).toBe('x');
      expect(await h.storage.list(h.bucket, 'tenant=t 2/')).toEqual([key]);
    });

    it('defaults the content type to application/octet-stream', async () => {
      await h.storage.put(h.bucket, 'plain/no-type', Buffer.from('abc'));
      expect(await h.storage.head(h.bucket, 'plain/no-type')).toMatchObject({ contentType: 'application/octet-stream', size: 3, metadata: {} });
    });

    it('returns null for a missing object, on get and on head', async () => {
      expect(await h.storage.get(h.bucket, 'missing/nothing.pdf')).toBeNull();
      expect(await h.storage.head(h.bucket, 'missing/nothing.pdf')).toBeNull();
    });

    it('lists every key under a prefix, in lexicographic order, including partial segments', async () => {
      const keys = ['list/b/2.pdf', 'list/a/1.pdf', 'list/a/10.pdf', 'list/ab.pdf', 'listing/other.pdf'];
      for (const key of keys) await h.storage.put(h.bucket, key, Buffer.from(key));
      expect(await h.storage.list(h.bucket, 'list/')).toEqual(['list/a/1.pdf', 'list/a/10.pdf', 'list/ab.pdf', 'list/b/2.pdf']);
      expect(await h.storage.list(h.bucket, 'list/a')).toEqual(['list/a/1.pdf', 'list/a/10.pdf', 'list/ab.pdf']);
      expect(await h.storage.list(h.bucket, 'list')).toEqual([...keys].sort());
      expect(await h.storage.list(h.bucket, 'nothing-here/')).toEqual([]);
    });

    it('lists past one page of results', async () => {
      const keys = Array.from({ length: 25 }, (_, i) => `paged/${String(i).padStart(3, '0')}.bin`);
      await Promise.all(keys.map((key) => h.storage.put(h.bucket, key, Buffer.from(key))));
      expect(await h.storage.list(h.bucket, 'paged/')).toEqual(keys);
    });

    it('replaces an object written again under the same key', async () => {
      await h.storage.put(h.bucket, 'again/doc.bin', Buffer.from('first'), { metadata: { v: '1' } });
      await h.storage.put(h.bucket, 'again/doc.bin', Buffer.from('second!'), { contentType: 'text/plain', metadata: { v: '2' } });
      expect(await h.storage.get(h.bucket, 'again/doc.bin')).toMatchObject({ size: 7, contentType: 'text/plain', metadata: { v: '2' } });
    });

    it.each(['../escape.pdf', 'a/../../escape.pdf', '/absolute.pdf', 'a//b.pdf', 'a/./b.pdf', 'back\\slash.pdf', ''])(
      'refuses the key %j, which could escape the bucket',
      async (key) => {
        await expect(h.storage.put(h.bucket, key, Buffer.from('x'))).rejects.toThrow(/Invalid object key/);
        await expect(h.storage.get(h.bucket, key)).rejects.toThrow(/Invalid object key/);
      },
    );

    it('refuses a bucket name that is not a plain S3 bucket name', async () => {
      await expect(h.storage.put('../objects', 'a.pdf', Buffer.from('x'))).rejects.toThrow(/Invalid object bucket/);
      await expect(h.storage.list('.meta', '')).rejects.toThrow(/Invalid object bucket/);
    });
  });
}
