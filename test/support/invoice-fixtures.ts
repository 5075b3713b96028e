import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A synthetic invoice laid out in page points (A4, 595 × 842, y from the top). */
export interface InvoiceFixture {
  language: 'es' | 'en';
  texts: { text: string; x: number; y: number; size?: number }[];
  expected: {
    invoiceNumber: string;
    issueDate: string;
    dueDate: string;
    currency: string;
    subtotal: string;
    tax: string;
    total: string;
    supplierName: string;
    lines: { supplierCode: string; description: string; quantity: string; unitPrice: string; lineTotal: string }[];
  };
}

const COLUMNS = [50, 120, 300, 360, 410, 500];
const row = (y: number, cells: string[]) => cells.map((text, i) => ({ text, x: COLUMNS[i], y }));

export const SPANISH_INVOICE: InvoiceFixture = {
  language: 'es',
  texts: [
    { text: 'Distribuciones Olivar S.L.', x: 50, y: 60, size: 14 },
    { text: 'CIF: B12345678', x: 50, y: 80 },
    { text: 'Calle Mayor 1, 28013 Madrid', x: 50, y: 95 },
    { text: 'FACTURA', x: 420, y: 60, size: 16 },
    { text: 'Nº Factura: F-2024/0042', x: 50, y: 140 },
    { text: 'Fecha: 12/03/2024', x: 360, y: 140 },
    { text: 'Vencimiento: 11/04/2024', x: 360, y: 160 },
    { text: 'Cliente: Hostelería Sur S.A.', x: 50, y: 160 },
    ...row(220, ['Código', 'Descripción', 'Cantidad', 'Unidad', 'Precio', 'Importe']),
    ...row(245, ['ACE-500', 'Aceite de oliva 500 ml', '12', 'ud', '4,35', '52,20']),
    ...row(265, ['JAM-010', 'Jamón serrano', '2', 'ud', '617,28', '1.234,56']),
    { text: 'Base imponible:', x: 330, y: 320 },
    { text: '1.286,76 €', x: 480, y: 320 },
    { text: 'IVA 21%:', x: 330, y: 340 },
    { text: '270,22 €', x: 480, y: 340 },
    { text: 'Total factura:', x: 330, y: 360 },
    { text: '1.556,98 €', x: 480, y: 360 },
  ],
  expected: {
    invoiceNumber: 'F-2024/0042',
    issueDate: '2024-03-12',
    dueDate: '2024-04-11',
    currency: 'EUR',
    subtotal: '1286.76',
    tax: '270.22',
    total: '1556.98',
    supplierName: 'Distribuciones Olivar S.L.',
    lines: [
      { supplierCode: 'ACE-500', description: 'Aceite de oliva 500 ml', quantity: '12', unitPrice: '4.35', lineTotal: '52.20' },
      { supplierCode: 'JAM-010', description: 'Jamón serrano', quantity: '2', unitPrice: '617.28', lineTotal: '1234.56' },
    ],
  },
};

export const ENGLISH_INVOICE: InvoiceFixture = {
  language: 'en',
  texts: [
    { text: 'Northwind Supplies Ltd.', x: 50, y: 60, size: 14 },
    { text: 'VAT No: GB123456789', x: 50, y: 80 },
    { text: '12 High Street, London', x: 50, y: 95 },
    { text: 'INVOICE', x: 420, y: 60, size: 16 },
    { text: 'Invoice No: INV-2024-0107', x: 50, y: 140 },
    { text: 'Date: March 12, 2024', x: 360, y: 140 },
    { text: 'Due date: April 11, 2024', x: 360, y: 160 },
    { text: 'Bill to: Harbour Foods Inc.', x: 50, y: 160 },
    ...row(220, ['Code', 'Description', 'Qty', 'Unit', 'Price', 'Amount']),
    ...row(245, ['NW-100', 'Olive oil 500 ml', '12', 'pcs', '4.35', '52.20']),
    ...row(265, ['NW-200', 'Serrano ham', '2', 'pcs', '617.28', '1,234.56']),
    { text: 'Subtotal:', x: 330, y: 320 },
    { text: '£1,286.76', x: 480, y: 320 },
    { text: 'VAT 20%:', x: 330, y: 340 },
    { text: '£257.35', x: 480, y: 340 },
    { text: 'Total due:', x: 330, y: 360 },
    { text: '£1,544.11', x: 480, y: 360 },
  ],
  expected: {
    invoiceNumber: 'INV-2024-0107',
    issueDate: '2024-03-12',
    dueDate: '2024-04-11',
    currency: 'GBP',
    subtotal: '1286.76',
    tax: '257.35',
    total: '1544.11',
    supplierName: 'Northwind Supplies Ltd.',
    lines: [
      { supplierCode: 'NW-100', description: 'Olive oil 500 ml', quantity: '12', unitPrice: '4.35', lineTotal: '52.20' },
      { supplierCode: 'NW-200', description: 'Serrano ham', quantity: '2', unitPrice: '617.28', lineTotal: '1234.56' },
    ],
  },
};

/** A digital PDF with a text layer (Helvetica, WinAnsi: covers €, £, º and Spanish accents). */
export async function invoicePdf(fixture: InvoiceFixture): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  // Fixed dates keep the bytes identical between runs, so recorded responses can be keyed by content.
  pdf.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  for (const t of fixture.texts) page.drawText(t.text, { x: t.x, y: 842 - t.y, size: t.size ?? 10, font });
  return Buffer.from(await pdf.save());
}

/** The same invoice as a scan-like PNG (~144 dpi, black on white), top part of the page only to keep OCR quick. */
export function invoicePng(fixture: InvoiceFixture, scale = 2): Buffer {
  const canvas = createCanvas(595 * scale, 400 * scale);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (const t of fixture.texts) {
    context.font = `${(t.size ?? 10) * scale}px DejaVu Sans`;
    context.fillText(t.text, t.x * scale, t.y * scale);
  }
  return canvas.encodeSync('png');
}

export const corruptPdf = (): Buffer => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF garbage \x00\x01\x02');

/** Random noise declared as a PNG: not decodable as an image. */
export const garbageImage = (): Buffer => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251));
