import { AnalyzeExpenseCommand, AnalyzeExpenseCommandOutput, ExpenseField, LineItemFields, TextractClient } from '@aws-sdk/client-textract';
import { DocumentAnalysis, DocumentAnalyzer, DocumentInput, DocumentUnreadableError } from '../../modules/invoices/domain/document-analyzer.port';
import { Field, NormalizedInvoice, NormalizedInvoiceLine } from '../../modules/invoices/domain/normalized-invoice';
import { normalizeAmount, normalizeDecimal } from '../../modules/invoices/domain/normalize-amount';
import { detectDocumentCurrency, normalizeCurrency } from '../../modules/invoices/domain/normalize-currency';
import { DateHints, normalizeDate } from '../../modules/invoices/domain/normalize-date';
import { reviewReasons } from '../../modules/invoices/domain/normalize-totals';

/** Synchronous AnalyzeExpense takes documents of up to 5 MB (and single-page PDF/TIFF); larger ones need the async StartExpenseAnalysis over S3. */
export const TEXTRACT_SYNC_MAX_BYTES = 5 * 1024 * 1024;

/** Textract's own verdicts on the document, as opposed to throttling or credentials, which are worth retrying. */
const UNREADABLE = new Set(['UnsupportedDocumentException', 'BadDocumentException', 'DocumentTooLargeException']);

type Typed = { type: string; text: string; confidence: number; currency?: string };

const typed = (f: ExpenseField): Typed | null =>
  f.Type?.Text && f.ValueDetection?.Text
    ? { type: f.Type.Text, text: f.ValueDetection.Text, confidence: (f.ValueDetection.Confidence ?? 0) / 100, currency: f.Currency?.Code }
    : null;

/** The most confident field of the first type present, so TOTAL wins over AMOUNT_DUE. */
function pick(fields: Typed[], types: string[]): Typed | null {
  for (const type of types) {
    const best = fields.filter((f) => f.type === type).sort((a, b) => b.confidence - a.confidence)[0];
    if (best) return best;
  }
  return null;
}

function as<T>(f: Typed | null, read: (text: string) => T | null): Field<T> | null {
  const value = f ? read(f.text) : null;
  return f && value !== null ? { value, confidence: Math.round(f.confidence * 100) / 100 } : null;
}

/**
 * Amazon Textract AnalyzeExpense, mapped onto the same NormalizedInvoice as the embedded
 * analyzer and through the same normalisers, so "1.234,56 €" means the same everywhere.
 */
export class TextractDocumentAnalyzer implements DocumentAnalyzer {
  constructor(private readonly client: TextractClient) {}

  async analyze({ bytes }: DocumentInput): Promise<DocumentAnalysis> {
    if (bytes.length > TEXTRACT_SYNC_MAX_BYTES) {
      throw new DocumentUnreadableError(`The document is ${bytes.length} bytes; synchronous Textract AnalyzeExpense takes at most 5 MB`);
    }
    let response: AnalyzeExpenseCommandOutput;
    try {
      response = await this.client.send(new AnalyzeExpenseCommand({ Document: { Bytes: bytes } }));
    } catch (error) {
      const { name, message } = error as Error;
      if (UNREADABLE.has(name)) throw new DocumentUnreadableError(`Textract cannot read the document: ${message}`, { cause: error });
      throw error;
    }
    const documents = response.ExpenseDocuments ?? [];
    const fields = documents.flatMap((d) => (d.SummaryFields ?? []).map(typed)).filter((f): f is Typed => f !== null);
    const hints = dateHints(fields);
    const date = (text: string) => normalizeDate(text, hints);
    const currencyField = fields.find((f) => f.currency);
    const currency: Field<string> | null = currencyField
      ? { value: currencyField.currency!, confidence: 0.9 }
      : as(pick(fields, ['TOTAL', 'AMOUNT_DUE', 'SUBTOTAL']), normalizeCurrency) ??
        fromText(fields.map((f) => f.text).join('\n'));
    const invoice = {
      supplierName: as(pick(fields, ['VENDOR_NAME']), (t) => t.trim() || null),
      supplierTaxId: as(pick(fields, ['TAX_PAYER_ID', 'VENDOR_VAT_NUMBER', 'VENDOR_GST_NUMBER', 'VENDOR_ABN_NUMBER']), (t) => t.trim() || null),
      invoiceNumber: as(pick(fields, ['INVOICE_RECEIPT_ID']), (t) => t.replace(/^[#\s:]+/, '').trim() || null),
      issueDate: as(pick(fields, ['INVOICE_RECEIPT_DATE', 'ORDER_DATE']), date),
      dueDate: as(pick(fields, ['DUE_DATE']), date),
      currency,
      subtotal: as(pick(fields, ['SUBTOTAL']), normalizeAmount),
      tax: as(pick(fields, ['TAX']), normalizeAmount),
      total: as(pick(fields, ['TOTAL', 'AMOUNT_DUE']), normalizeAmount),
      lines: documents.flatMap((d) => (d.LineItemGroups ?? []).flatMap((g) => (g.LineItems ?? []).map(toLine))),
    };
    const result: NormalizedInvoice = { ...invoice, reviewReasons: reviewReasons(invoice) };
    return { invoice: result, pages: response.DocumentMetadata?.Pages ?? 1, method: 'textract' };
  }
}

function toLine(item: LineItemFields): NormalizedInvoiceLine {
  const fields = (item.LineItemExpenseFields ?? []).map(typed).filter((f): f is Typed => f !== null);
  const quantity = pick(fields, ['QUANTITY']);
  const unit = quantity ? /[\d.,]\s*([\p{L}.]+)$/u.exec(quantity.text.trim())?.[1] : undefined;
  return {
    description: as(pick(fields, ['ITEM', 'EXPENSE_ROW']), (t) => t.trim() || null) ?? { value: '', confidence: 0 },
    supplierCode: as(pick(fields, ['PRODUCT_CODE']), (t) => t.trim() || null),
    quantity: as(quantity, normalizeDecimal),
    unit: unit && quantity ? { value: unit, confidence: Math.round(quantity.confidence * 100) / 100 } : null,
    unitPrice: as(pick(fields, ['UNIT_PRICE']), normalizeAmount),
    lineTotal: as(pick(fields, ['PRICE']), normalizeAmount),
  };
}

function fromText(text: string): Field<string> | null {
  const found = detectDocumentCurrency(text);
  return found ? { value: found.code, confidence: 0.6 } : null;
}

/** Day first unless some numeric date only reads month first, as in the embedded extractor. */
function dateHints(fields: Typed[]): DateHints {
  for (const f of fields) {
    const m = /\b(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}\b/.exec(f.text);
    if (m && Number(m[2]) > 12 && Number(m[1]) <= 12) return { monthFirst: true };
  }
  return {};
}
