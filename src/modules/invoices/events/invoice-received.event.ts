import type { InvoiceProps } from '../domain/invoice';

/** A new invoice was stored (RECEIVED). Not durable: the invoice-processing queue message is what drives the pipeline. */
export class InvoiceReceivedEvent {
  constructor(readonly invoice: InvoiceProps) {}
}
