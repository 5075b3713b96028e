import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A one-page digital PDF invoice with a text layer. */
export async function labelPdf(number = 'F-2024-0001'): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = [`FACTURA ${number}`, 'Proveedor: Aceites del Sur S.L.', 'Aceite 500 ml  3 x 4,35  13,05', 'Total: 13,05 EUR'];
  lines.forEach((text, i) => page.drawText(text, { x: 50, y: 780 - i * 24, size: 14, font }));
  return Buffer.from(await pdf.save());
}

/** A PNG "scan" of an invoice: rendered text, as a phone photo or scanner would give. */
export async function labelPng(text = 'INVOICE INV-77 Total 42.00 USD'): Promise<Buffer> {
  const canvas = createCanvas(800, 200);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 800, 200);
  ctx.fillStyle = '#000000';
  ctx.font = '32px sans-serif';
  ctx.fillText(text, 20, 100);
  return canvas.encode('png');
}

/** A minimal ZIP (an empty archive's end-of-central-directory record). */
export const emptyZip = (): Buffer => Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
