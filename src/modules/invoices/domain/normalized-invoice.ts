/** A value read from a document and how sure the reader is of it (0..1). */
export interface Field<T> {
  value: T;
  confidence: number;
}

export interface NormalizedInvoiceLine {
  description: Field<string>;
  supplierCode: Field<string> | null;
  /** Exact decimal text. */
  quantity: Field<string> | null;
  unit: Field<string> | null;
  unitPrice: Field<string> | null;
  lineTotal: Field<string> | null;
}

/**
 * What every document analyser (PDF text layer, OCR, Textract AnalyzeExpense) is
 * normalised to. Amounts are exact decimal text ("1234567.89"), dates ISO (YYYY-MM-DD),
 * currency ISO 4217.
 */
export interface NormalizedInvoice {
  supplierName: Field<string> | null;
  supplierTaxId: Field<string> | null;
  invoiceNumber: Field<string> | null;
  issueDate: Field<string> | null;
  dueDate: Field<string> | null;
  currency: Field<string> | null;
  subtotal: Field<string> | null;
  tax: Field<string> | null;
  total: Field<string> | null;
  lines: NormalizedInvoiceLine[];
  /** Why the invoice needs a person: totals that do not add up, missing fields, low confidence. */
  reviewReasons: string[];
}
