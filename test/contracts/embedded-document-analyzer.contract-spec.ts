import { createCanvas } from '@napi-rs/canvas';
import { EmbeddedDocumentAnalyzer } from '../../src/modules/invoices/adapters/embedded-document-analyzer.adapter';
import { describeDocumentAnalyzerContract } from './document-analyzer.contract';

/** Real tesseract.js OCR, offline with the packaged spa+eng data: ~1 s a page plus ~1 s to load the models once. */
describeDocumentAnalyzerContract('embedded (unpdf text layer + tesseract.js)', async () => {
  const analyzer = new EmbeddedDocumentAnalyzer({ languages: 'spa+eng', ocrTimeoutMs: 30_000 });
  return { analyzer, close: () => analyzer.onModuleDestroy() };
});

describe('EmbeddedDocumentAnalyzer', () => {
  const analyzer = new EmbeddedDocumentAnalyzer({ languages: 'spa+eng', ocrTimeoutMs: 30_000 });
  afterAll(() => analyzer.onModuleDestroy());

  it('rejects a valid image with no legible text as Document.Unreadable', async () => {
    const canvas = createCanvas(400, 300);
    const context = canvas.getContext('2d');
    for (let i = 0; i < 3000; i++) {
      context.fillStyle = i % 2 ? '#000' : '#888';
      context.fillRect((i * 37) % 400, (i * 91) % 300, 3, 3);
    }
    await expect(analyzer.analyze({ bytes: canvas.encodeSync('png'), contentType: 'image/png' })).rejects.toMatchObject({
      name: 'Document.Unreadable',
    });
  }, 30_000);

  it('rejects an unsupported type', async () => {
    await expect(analyzer.analyze({ bytes: Buffer.from('PK\x03\x04'), contentType: 'application/zip' })).rejects.toMatchObject({
      name: 'Document.Unreadable',
    });
  });
});
