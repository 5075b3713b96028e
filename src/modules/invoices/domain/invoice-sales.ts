import { Exact, formatAmount } from '../../../common/money/money';
import { type SaleInput, UNASSIGNED_SUPPLIER } from '../../sales';
import type { InvoiceProps } from './invoice';

/**
 * One sale per invoice line that has an amount. An invoice whose currency is unknown
 * records none: its amounts cannot be added to anything. `occurredAt` is when the invoice
 * was processed; the sales ledger keeps the first one when the invoice is published again.
 */
export function invoiceSales(invoice: InvoiceProps, categoryOf: ReadonlyMap<string, string | null>, occurredAt: string): SaleInput[] {
  const currency = invoice.header?.currency?.value;
  if (!currency) return [];
  return invoice.lines.flatMap((line): SaleInput[] => {
    if (!line.lineTotal) return [];
    const sku = line.match?.status === 'matched' ? line.match.sku : null;
    const quantity = line.quantity?.value ?? '1';
    const amount = line.lineTotal.value;
    return [
      {
        tenantId: invoice.tenantId,
        source: 'invoice',
        sourceId: invoice.invoiceId,
        lineNumber: line.position + 1,
        supplierId: invoice.supplierId ?? UNASSIGNED_SUPPLIER,
        sku,
        productName: line.description.value,
        category: sku ? (categoryOf.get(sku) ?? null) : null,
        customerId: null,
        quantity,
        unitPrice: line.unitPrice?.value ?? unitPriceOf(amount, quantity),
        amount,
        commission: line.commission?.amount ?? '0.00',
        currency,
        occurredAt,
      },
    ];
  });
}

function unitPriceOf(amount: string, quantity: string): string {
  const q = new Exact(quantity);
  return q.isZero() ? formatAmount(amount) : formatAmount(new Exact(amount).dividedBy(q).toDecimalPlaces(4).toString());
}
