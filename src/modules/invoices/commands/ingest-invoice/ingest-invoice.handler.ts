import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { INVOICE_PROCESSING_QUEUE } from '../../../../common/queue/queue-definition';
import { Queue, QUEUE } from '../../../../common/queue/queue.port';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../common/storage/object-storage.port';
import type { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { DocumentObjectNotFoundError, DocumentTooLargeError, EmptyDocumentError, UnsupportedDocumentTypeError } from '../../domain/document-rejections';
import { sniffDocumentType } from '../../domain/document-type';
import { Invoice } from '../../domain/invoice';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../domain/invoice-repository.port';
import { InvoiceStatus } from '../../domain/invoice-status';
import { rawDocumentKey } from '../../domain/raw-document-key';
import { InvoiceReceivedEvent } from '../../events/invoice-received.event';
import type { InvoiceProcessingMessage } from '../../workflows/invoice-processing.message';
import { IngestInvoiceCommand, IngestInvoiceOutcome, InvoiceSource } from './ingest-invoice.command';

/** Object metadata that lets an S3 event for an uploaded object rebuild the same invoice. */
const FILENAME_METADATA = 'original-filename';
const SUPPLIER_METADATA = 'supplier-id';

interface Received {
  body: Buffer;
  filename: string | null;
  supplierId: string | null;
  /** Set when the bytes are already stored: the invoice points at that object. */
  stored?: { bucket: string; key: string };
}

/**
 * The one path from a document to an invoice, for HTTP uploads and S3 events alike. The
 * raw bytes are stored before the invoice row is committed, so a crash in between leaves
 * a stored file (picked up again by a retry, which lands on the same key) rather than
 * an invoice without its document.
 */
@CommandHandler(IngestInvoiceCommand)
export class IngestInvoiceHandler implements ICommandHandler<IngestInvoiceCommand> {
  private readonly logger = new Logger(IngestInvoiceHandler.name);

  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventBus,
  ) {}

  async execute({ tenantId, source, supplierId }: IngestInvoiceCommand): Promise<IngestInvoiceOutcome> {
    const received = await this.receive(source, supplierId);
    const limit = this.config.storage.maxUploadBytes;
    if (received.body.length === 0) throw new EmptyDocumentError();
    if (received.body.length > limit) throw new DocumentTooLargeError(received.body.length, limit);
    const type = sniffDocumentType(received.body);
    if (!type) throw new UnsupportedDocumentTypeError();
    const sha256 = createHash('sha256').update(received.body).digest('hex');

    const existing = await this.invoices.findBySha256(tenantId, sha256);
    if (existing) {
      await this.announce(existing, false);
      return { invoice: existing.props, created: false };
    }
    const location = received.stored ?? (await this.storeRaw(tenantId, sha256, type, received));
    const invoice = Invoice.receive({
      invoiceId: randomUUID(),
      tenantId,
      supplierId: received.supplierId,
      document: { ...location, contentType: type.contentType, size: received.body.length, sha256, originalFilename: received.filename },
    });
    const { invoice: stored, created } = await this.invoices.create(invoice);
    await this.announce(stored, created);
    return { invoice: stored.props, created };
  }

  private async receive(source: InvoiceSource, supplierId: string | null): Promise<Received> {
    if (source.kind === 'upload') return { body: source.body, filename: source.filename, supplierId };
    const { bucket, key } = source;
    // Head first, so an oversize object is refused without downloading it.
    const head = await this.storage.head(bucket, key);
    if (!head) throw new DocumentObjectNotFoundError(bucket, key);
    const limit = this.config.storage.maxUploadBytes;
    if (head.size > limit) throw new DocumentTooLargeError(head.size, limit);
    const object = await this.storage.get(bucket, key);
    if (!object) throw new DocumentObjectNotFoundError(bucket, key);
    return {
      body: object.body,
      filename: decodeMetadata(object.metadata[FILENAME_METADATA]) ?? key.slice(key.lastIndexOf('/') + 1),
      supplierId: supplierId ?? decodeMetadata(object.metadata[SUPPLIER_METADATA]),
      stored: { bucket, key },
    };
  }

  private async storeRaw(tenantId: string, sha256: string, type: { contentType: string; extension: string }, r: Received) {
    const bucket = this.config.storage.buckets.invoicesRaw;
    const key = rawDocumentKey(tenantId, sha256, type.extension, new Date());
    const metadata: Record<string, string> = { sha256 };
    if (r.filename) metadata[FILENAME_METADATA] = encodeURIComponent(r.filename);
    if (r.supplierId) metadata[SUPPLIER_METADATA] = encodeURIComponent(r.supplierId);
    await this.storage.put(bucket, key, r.body, { contentType: type.contentType, metadata });
    return { bucket, key };
  }

  /**
   * Sent again for an invoice still RECEIVED: the first send may have failed after the
   * row was committed. The queue's deduplication and the consumer's idempotency absorb repeats.
   */
  private async announce(invoice: Invoice, created: boolean): Promise<void> {
    const { tenantId, invoiceId, status } = invoice.props;
    if (created) this.logger.log({ tenantId, invoiceId, key: invoice.props.document.key }, 'Invoice received');
    if (status === InvoiceStatus.RECEIVED) {
      const message: InvoiceProcessingMessage = { tenantId, invoiceId };
      await this.queue.send(INVOICE_PROCESSING_QUEUE, message, { deduplicationId: invoiceId, attributes: { tenantId, invoiceId } });
    }
    if (created) this.events.publish(new InvoiceReceivedEvent(invoice.props));
  }
}

function decodeMetadata(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
