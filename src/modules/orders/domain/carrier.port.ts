import type { ShippingAddress } from './order';

/**
 * Books a shipment with a carrier. Calls with the same idempotency key are one
 * shipment: a re-run gets the same carrier, tracking number and dates back.
 */
export const CARRIER = Symbol('CARRIER');

export type CarrierName = 'FEDEX' | 'UPS' | 'DHL';

export interface ShipmentRequest {
  orderId: string;
  tenantId: string;
  address: ShippingAddress;
  items: { sku: string; quantity: number }[];
  idempotencyKey: string;
}

export interface Shipment {
  shipmentId: string;
  carrier: CarrierName;
  trackingNumber: string;
  /** Calendar date, YYYY-MM-DD. */
  estimatedDeliveryDate: string;
  /** When the shipment was booked, ISO-8601. */
  createdAt: string;
}

export interface Carrier {
  /** Throws ShipmentAddressRejectedError or ShipmentRequestInvalidError. */
  createShipment(request: ShipmentRequest): Promise<Shipment>;
}

// Error names are what a workflow's Retry and Catch match on.

/** The carrier cannot deliver to this address; retrying will not help. */
export class ShipmentAddressRejectedError extends Error {
  override readonly name = 'Shipment.AddressRejected';
}

/** The request itself is wrong, e.g. an idempotency key reused for another order. */
export class ShipmentRequestInvalidError extends Error {
  override readonly name = 'Shipment.InvalidRequest';
}
