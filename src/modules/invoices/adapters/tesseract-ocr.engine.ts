import { mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from 'tesseract.js';
import { groupIntoLines, TextLine } from '../domain/text-line';

export interface OcrPage {
  lines: TextLine[];
  /** Mean word confidence 0..1, to tell a legible page from noise. */
  confidence: number;
  words: number;
}

/**
 * tesseract.js reads every language from one `langPath`, but each language's trained
 * data ships in its own npm package; a directory of links to the packages' files
 * gives it one local path, so it never reaches for the CDN.
 */
function localLangPath(languages: string[]): string {
  const dir = join(tmpdir(), `mercantil-tessdata-${languages.join('+')}`);
  mkdirSync(dir, { recursive: true });
  for (const lang of languages) {
    const target = join(dir, `${lang}.traineddata.gz`);
    if (existsSync(target)) continue;
    const pkg = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    // The packages ship gzip-compressed data in 4.0.0/ (the legacy+LSTM models).
    try {
      symlinkSync(join(pkg, '4.0.0', `${lang}.traineddata.gz`), target);
    } catch (error) {
      // Another process made the same link first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return dir;
}

/** One tesseract.js worker, created on first use and reused: loading the models costs ~1 s. */
export class TesseractOcrEngine {
  private worker: Promise<Worker> | null = null;

  constructor(private readonly options: { languages: string; timeoutMs: number }) {}

  async recognize(png: Buffer, page: number): Promise<OcrPage> {
    const worker = await this.getWorker();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`OCR took longer than ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      const { data } = await Promise.race([worker.recognize(png, {}, { blocks: true, text: false }), timeout]);
      const words = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)));
      const fragments = words.map((w) => ({
        text: w.text,
        x0: w.bbox.x0,
        x1: w.bbox.x1,
        y0: w.bbox.y0,
        y1: w.bbox.y1,
        confidence: w.confidence / 100,
        page,
      }));
      const confidence = words.length ? words.reduce((n, w) => n + w.confidence, 0) / words.length / 100 : 0;
      return { lines: groupIntoLines(fragments), confidence, words: words.length };
    } catch (error) {
      // A stuck or crashed worker is replaced rather than reused.
      await this.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker.catch(() => null))?.terminate();
  }

  private getWorker(): Promise<Worker> {
    this.worker ??= (async () => {
      const { createWorker, OEM } = await import('tesseract.js');
      const languages = this.options.languages.split('+');
      return createWorker(languages, OEM.LSTM_ONLY, {
        langPath: localLangPath(languages),
        gzip: true,
        // The default cache writes traineddata into the working directory.
        cacheMethod: 'none',
      });
    })();
    this.worker.catch(() => (this.worker = null));
    return this.worker;
  }
}
