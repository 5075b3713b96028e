/** Body of a message on the invoice-processing queue: one per new invoice. */
export interface InvoiceProcessingMessage {
  tenantId: string;
  invoiceId: string;
}

export const INVOICE_PROCESSING_WORKFLOW = 'invoice-processing';
