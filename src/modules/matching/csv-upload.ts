import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';

/** The part of multer's file that the import reads. */
export interface UploadedCsv {
  buffer: Buffer;
  size: number;
}

/**
 * The CSV of an import request: the multipart `file` field, or the whole body when it is
 * sent as text/csv. The app parses only JSON bodies globally, so the stream is still unread here.
 */
export async function readCsvUpload(req: Request, file: UploadedCsv | undefined, maxBytes: number): Promise<Buffer> {
  if (file) return file.buffer;
  if (!req.is('text/csv')) {
    throw new UnsupportedMediaTypeException('Send the CSV as a text/csv body or as the `file` field of multipart/form-data');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume(); // drain the rest so the connection can answer
      throw new PayloadTooLargeException(`CSV is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
