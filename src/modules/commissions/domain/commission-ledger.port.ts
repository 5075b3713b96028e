import type { CommissionLine, InvoiceLine } from './commission-calculator';

export const COMMISSION_LEDGER = Symbol('COMMISSION_LEDGER');

export interface InvoiceKey {
  tenantId: string;
  supplierId: string;
  invoiceId: string;
  /** YYYY-MM-DD */
  invoiceDate: string;
  currency: string;
}

/** A persisted commission line: the calculation plus what it was calculated from. */
export interface LedgerLine extends CommissionLine, Omit<InvoiceLine, 'lineId'> {
  invoiceId: string;
  invoiceDate: string;
}

/**
 * Where calculated commissions live, one row per invoice line.
 */
export interface CommissionLedger {
  /**
   * Replaces every line of the invoice with what `calculate` returns, atomically and
   * serialised per tenant and supplier. `calculate` gets the supplier's volume in the
   * invoice's month and currency from every OTHER invoice, so recomputing an invoice never
   * counts it twice, neither in its lines nor in the volume that picks the tiers.
   */
  replaceInvoice(invoice: InvoiceKey, calculate: (otherInvoicesVolume: string) => LedgerLine[]): Promise<void>;
  /** The supplier's lines for invoices dated in `period` (YYYY-MM), by invoice date, invoice and line. */
  linesOf(tenantId: string, supplierId: string, period: string): Promise<LedgerLine[]>;
}
