import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStorage } from '../../src/infrastructure/storage/local-object-storage.adapter';
import { describeObjectStorageContract } from './object-storage.contract';

describeObjectStorageContract('local directory', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mercantil-objects-'));
  return { storage: new LocalObjectStorage(root), bucket: 'mercantil-invoices-raw', close: async () => rmSync(root, { recursive: true, force: true }) };
});

describe('Local object storage specifics', () => {
  const root = mkdtempSync(join(tmpdir(), 'mercantil-objects-'));
  const storage = new LocalObjectStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps objects as plain files under <root>/<bucket>/<key>, with no temp files left behind', async () => {
    await storage.put('raw-bucket', 'tenant=t1/2024/05/x.pdf', Buffer.from('%PDF-'), { contentType: 'application/pdf' });
    expect(readdirSync(join(root, 'raw-bucket', 'tenant=t1', '2024', '05'))).toEqual(['x.pdf']);
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });

  it('reads an object whose sidecar is missing with the default content type', async () => {
    await storage.put('raw-bucket', 'bare.bin', Buffer.from('b'), { contentType: 'image/png' });
    rmSync(join(root, '.meta', 'raw-bucket', 'bare.bin.json'));
    expect(await storage.head('raw-bucket', 'bare.bin')).toMatchObject({ contentType: 'application/octet-stream', metadata: {} });
  });
});
