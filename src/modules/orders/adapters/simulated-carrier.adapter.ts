import { isISO31661Alpha2 } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import {
  Carrier,
  CarrierName,
  Shipment,
  ShipmentAddressRejectedError,
  ShipmentRequest,
  ShipmentRequestInvalidError,
} from '../domain/carrier.port';
import type { ShippingAddress } from '../domain/order';
import { newTrackingNumber } from './tracking-numbers';

const NORTH_AMERICA = new Set(['US', 'CA', 'MX', 'PR']);
const EUROPE = new Set([
  'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT',
  'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);
/** A postal code the simulated carriers never serve, to exercise the rejection path. */
export const UNSERVICEABLE_TEST_POSTAL_CODE = '00000';
const BUSINESS_DAYS = { domestic: 2, international: 5 };

interface ShipmentRow {
  shipment_id: string;
  tenant_id: string;
  order_id: string;
  carrier: CarrierName;
  tracking_number: string;
  estimated_delivery_date: string;
  created_at: Date;
}
// The date is read as text: node-postgres would turn a `date` into local midnight.
const RETURNED = `shipment_id, tenant_id, order_id, carrier, tracking_number, estimated_delivery_date::text AS estimated_delivery_date, created_at`;

/**
 * The embedded carrier: picks UPS for North America, DHL for Europe and FedEx elsewhere,
 * mints tracking numbers in each carrier's format, and keeps every shipment in the
 * `shipments` table keyed by idempotency key, so a repeated booking returns the first one.
 */
export class SimulatedCarrier implements Carrier {
  constructor(
    private readonly db: DataSource,
    /** Where the warehouse is: deliveries inside this country are domestic. */
    private readonly originCountry = 'ES',
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createShipment(request: ShipmentRequest): Promise<Shipment> {
    assertServiceable(request.address);
    if (request.items.length === 0) throw new ShipmentRequestInvalidError('A shipment needs at least one item');
    // Orders validate country codes case-insensitively.
    const country = request.address.country.toUpperCase();
    const carrier = carrierFor(country);
    const bookedAt = this.now();
    const days = country === this.originCountry ? BUSINESS_DAYS.domestic : BUSINESS_DAYS.international;
    const { rows: inserted } = await runSql<ShipmentRow>(
      this.db,
      `INSERT INTO shipments (idempotency_key, shipment_id, tenant_id, order_id, carrier, tracking_number,
         estimated_delivery_date, address, items, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${RETURNED}`,
      [
        request.idempotencyKey, `shp_${randomBytes(12).toString('hex')}`, request.tenantId, request.orderId, carrier,
        newTrackingNumber(carrier), addBusinessDays(bookedAt, days), JSON.stringify(request.address),
        JSON.stringify(request.items), bookedAt,
      ],
    );
    const row = inserted[0] ?? (await this.find(request.idempotencyKey));
    if (row.tenant_id !== request.tenantId || row.order_id !== request.orderId) {
      throw new ShipmentRequestInvalidError(`Idempotency key ${request.idempotencyKey} was already used for another order`);
    }
    return {
      shipmentId: row.shipment_id,
      carrier: row.carrier,
      trackingNumber: row.tracking_number,
      estimatedDeliveryDate: row.estimated_delivery_date,
      createdAt: row.created_at.toISOString(),
    };
  }

  private async find(idempotencyKey: string): Promise<ShipmentRow> {
    const { rows } = await runSql<ShipmentRow>(this.db, `SELECT ${RETURNED} FROM shipments WHERE idempotency_key = $1`, [idempotencyKey]);
    if (!rows[0]) throw new Error(`Shipment ${idempotencyKey} vanished after it was booked`);
    return rows[0];
  }
}

export function carrierFor(country: string): CarrierName {
  if (NORTH_AMERICA.has(country)) return 'UPS';
  return EUROPE.has(country) ? 'DHL' : 'FEDEX';
}

function assertServiceable(address: ShippingAddress): void {
  if (!isISO31661Alpha2(address.country)) {
    throw new ShipmentAddressRejectedError(`Country ${JSON.stringify(address.country)} is not an ISO 3166-1 alpha-2 code`);
  }
  if (address.postalCode.trim() === UNSERVICEABLE_TEST_POSTAL_CODE) {
    throw new ShipmentAddressRejectedError(`No carrier serves postal code ${address.postalCode} in ${address.country}`);
  }
}

/** The calendar date (UTC, YYYY-MM-DD) `days` working days after `from`, skipping weekends. */
export function addBusinessDays(from: Date, days: number): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  for (let left = days; left > 0; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}
