/** A person confirmed or corrected the SKU of an invoice line in the review queue. */
export class LineMatchConfirmedEvent {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly lineId: string,
    readonly sku: string,
  ) {}
}
