import { randomUUID } from 'node:crypto';
import { Carrier, ShipmentRequest } from '../../src/modules/orders/domain/carrier.port';
import type { ShippingAddress } from '../../src/modules/orders/domain/order';

export interface CarrierHarness {
  carrier: Carrier;
  close(): Promise<void>;
}

export const MADRID: ShippingAddress = { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' };
export const SAN_FRANCISCO: ShippingAddress = { line1: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' };
export const TOKYO: ShippingAddress = { line1: '1-1 Marunouchi', city: 'Tokyo', postalCode: '100-0005', country: 'JP' };

export const shipmentRequest = (overrides: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  orderId: randomUUID(),
  tenantId: 'tenant-a',
  address: MADRID,
  items: [{ sku: 'ACEITE-500', quantity: 3 }],
  idempotencyKey: randomUUID(),
  ...overrides,
});

const TRACKING_FORMATS = { UPS: /^1Z[0-9A-Z]{16}$/, FEDEX: /^\d{12}$/, DHL: /^\d{10}$/ };

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then((value) => ({ value }), (error: Error) => ({ error }));
  if (!('error' in outcome)) throw new Error(`Expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

/** The behaviour every Carrier adapter must share. */
export function describeCarrierContract(name: string, open: () => Promise<CarrierHarness>): void {
  describe(`Carrier contract: ${name}`, () => {
    let harness: CarrierHarness;
    let carrier: Carrier;

    beforeAll(async () => {
      harness = await open();
      carrier = harness.carrier;
    });
    afterAll(() => harness?.close());

    it.each([MADRID, SAN_FRANCISCO, TOKYO])('books a shipment to $country with a tracking number in the carrier format', async (address) => {
      const shipment = await carrier.createShipment(shipmentRequest({ address }));
      expect(['FEDEX', 'UPS', 'DHL']).toContain(shipment.carrier);
      expect(shipment.trackingNumber).toMatch(TRACKING_FORMATS[shipment.carrier]);
      expect(shipment.shipmentId).toEqual(expect.any(String));
      expect(shipment.estimatedDeliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(shipment.estimatedDeliveryDate > shipment.createdAt.slice(0, 10)).toBe(true);
    });

    it('returns the same shipment for a repeated idempotency key, also when it races', async () => {
      const request = shipmentRequest();
      const first = await carrier.createShipment(request);
      const again = await Promise.all(Array.from({ length: 4 }, () => carrier.createShipment(request)));
      for (const shipment of again) expect(shipment).toEqual(first);
    });

    it('books a new shipment for another key', async () => {
      const orderId = randomUUID();
      const a = await carrier.createShipment(shipmentRequest({ orderId }));
      const b = await carrier.createShipment(shipmentRequest({ orderId }));
      expect(b.shipmentId).not.toBe(a.shipmentId);
      expect(b.trackingNumber).not.toBe(a.trackingNumber);
    });

    it.each([
      ['a country that is not ISO 3166-1 alpha-2', { ...MADRID, country: 'XX' }],
      ['a country name', { ...MADRID, country: 'Spain' }],
      ['the unserviceable test postal code', { ...MADRID, postalCode: '00000' }],
    ])('rejects %s as Shipment.AddressRejected', async (_case, address) => {
      expect((await failure(carrier.createShipment(shipmentRequest({ address })))).name).toBe('Shipment.AddressRejected');
    });

    it('refuses a key reused for another order as Shipment.InvalidRequest', async () => {
      const request = shipmentRequest();
      await carrier.createShipment(request);
      const reused = await failure(carrier.createShipment({ ...request, orderId: randomUUID() }));
      expect(reused.name).toBe('Shipment.InvalidRequest');
    });
  });
}
