import { Command } from '@nestjs/cqrs';
import type { InvoiceProps } from '../../domain/invoice';

/**
 * Where the document comes from: bytes uploaded over HTTP (stored by the ingestion), or
 * an object already in the raw bucket (an S3 event), which becomes the document as is.
 */
export type InvoiceSource =
  | { kind: 'upload'; body: Buffer; filename: string | null }
  | { kind: 'stored'; bucket: string; key: string };

export interface IngestInvoiceOutcome {
  invoice: InvoiceProps;
  /** False when the tenant already had an invoice for the same bytes. */
  created: boolean;
}

/** Receives a document as an invoice: validate, de-duplicate by content hash, store, announce. */
export class IngestInvoiceCommand extends Command<IngestInvoiceOutcome> {
  constructor(
    readonly tenantId: string,
    readonly source: InvoiceSource,
    readonly supplierId: string | null = null,
  ) {
    super();
  }
}
