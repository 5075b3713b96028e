import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../common/storage/object-storage.port';
import { DocumentObjectNotFoundError } from '../../domain/document-rejections';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { loadInvoice } from '../../domain/load-invoice';
import { GetInvoiceDocumentQuery, InvoiceDocumentContent } from './get-invoice-document.query';

@QueryHandler(GetInvoiceDocumentQuery)
export class GetInvoiceDocumentHandler implements IQueryHandler<GetInvoiceDocumentQuery> {
  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute({ tenantId, invoiceId }: GetInvoiceDocumentQuery): Promise<InvoiceDocumentContent> {
    const { document } = (await loadInvoice(this.invoices, tenantId, invoiceId)).props;
    const object = await this.storage.get(document.bucket, document.key);
    // The row is only written after its object: a missing object means someone deleted it.
    if (!object) throw new DocumentObjectNotFoundError(document.bucket, document.key);
    const extension = document.key.slice(document.key.lastIndexOf('.') + 1);
    return {
      body: object.body,
      contentType: document.contentType,
      filename: document.originalFilename ?? `invoice-${invoiceId}.${extension}`,
      sha256: document.sha256,
    };
  }
}
