import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { SimulatedCarrier } from '../../src/modules/orders/adapters/simulated-carrier.adapter';
import { createTestDatabase } from '../support/test-database';
import { describeCarrierContract, MADRID, SAN_FRANCISCO, shipmentRequest, TOKYO } from './carrier.contract';

const backend = process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite';

async function open(now?: () => Date) {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    carrier: new SimulatedCarrier(db.dataSource, 'ES', now),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}

describeCarrierContract(`simulated carrier on ${backend}`, () => open());

describe(`Simulated carrier specifics on ${backend}`, () => {
  // A Friday afternoon: the weekend does not count towards delivery.
  const friday = new Date('2026-03-06T16:30:00.000Z');
  let harness: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => (harness = await open(() => friday)));
  afterAll(() => harness?.close());

  it.each([
    ['ES (domestic)', MADRID, 'DHL', '2026-03-10'],
    ['es (domestic, lower case)', { ...MADRID, country: 'es' }, 'DHL', '2026-03-10'],
    ['FR (Europe)', { ...MADRID, city: 'Paris', postalCode: '75001', country: 'FR' }, 'DHL', '2026-03-13'],
    ['US (North America)', SAN_FRANCISCO, 'UPS', '2026-03-13'],
    ['JP (rest of world)', TOKYO, 'FEDEX', '2026-03-13'],
  ] as const)('ships to %s with %s, delivering on %s', async (_case, address, carrier, date) => {
    const shipment = await harness.carrier.createShipment(shipmentRequest({ address }));
    expect(shipment).toMatchObject({ carrier, estimatedDeliveryDate: date, createdAt: friday.toISOString() });
  });
});
