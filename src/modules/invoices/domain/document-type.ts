export interface DocumentType {
  contentType: string;
  extension: string;
}

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The types an invoice may arrive in, by the signature that opens the file. */
const SIGNATURES: { type: DocumentType; matches: (bytes: Buffer) => boolean }[] = [
  { type: { contentType: 'application/pdf', extension: 'pdf' }, matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) }, // %PDF-
  { type: { contentType: 'image/png', extension: 'png' }, matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: { contentType: 'image/jpeg', extension: 'jpg' }, matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  // Little-endian (II*\0) and big-endian (MM\0*) TIFF.
  { type: { contentType: 'image/tiff', extension: 'tiff' }, matches: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
];

export const ACCEPTED_CONTENT_TYPES = SIGNATURES.map((s) => s.type.contentType);

/** The document's type from its own bytes; a declared Content-Type or file name is not trusted. Null when not accepted. */
export function sniffDocumentType(bytes: Buffer): DocumentType | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}
