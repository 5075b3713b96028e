import { Query } from '@nestjs/cqrs';

export interface InvoiceDocumentContent {
  body: Buffer;
  contentType: string;
  /** The uploaded name, else one made from the invoice id and type. */
  filename: string;
  sha256: string;
}

/** The original document's bytes, exactly as received. */
export class GetInvoiceDocumentQuery extends Query<InvoiceDocumentContent> {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
  ) {
    super();
  }
}
