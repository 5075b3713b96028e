/** Body of a message on the invoice-processing queue: one per new invoice. */
export interface InvoiceProcessingMessage {
  tenantId: string;
  invoiceId: string;
}
