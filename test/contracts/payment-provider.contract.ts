import { randomUUID } from 'node:crypto';
import { ChargeRequest, PaymentProvider } from '../../src/modules/orders/domain/payment-provider.port';

export interface PaymentProviderHarness {
  provider: PaymentProvider;
  /** How many successful charges the provider holds for an order: the "never twice" check. */
  succeededCharges(tenantId: string, orderId: string): Promise<number>;
  close(): Promise<void>;
}

const request = (overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  orderId: randomUUID(),
  tenantId: 'tenant-a',
  amount: '13.15',
  currency: 'EUR',
  paymentMethod: 'pm_card_visa',
  idempotencyKey: randomUUID(),
  ...overrides,
});

/** Resolves to the thrown error, failing the test if the promise resolved instead. */
async function failure(promise: Promise<unknown>): Promise<Error & { declineCode?: string }> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`Expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

/** The behaviour every PaymentProvider adapter must share (Stripe-style test payment methods). */
export function describePaymentProviderContract(name: string, open: () => Promise<PaymentProviderHarness>): void {
  describe(`PaymentProvider contract: ${name}`, () => {
    let harness: PaymentProviderHarness;
    let provider: PaymentProvider;

    beforeAll(async () => {
      harness = await open();
      provider = harness.provider;
    });
    afterAll(() => harness?.close());

    it.each(['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex'])('charges %s for the exact amount', async (paymentMethod) => {
      const charge = await provider.charge(request({ paymentMethod, amount: '123456789012345.1234', currency: 'USD' }));
      expect(charge).toEqual({
        transactionId: expect.stringMatching(/^ch_[0-9a-f]{24}$/),
        status: 'succeeded',
        amount: '123456789012345.1234',
        currency: 'USD',
        chargedAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(charge.chargedAt))).toBe(false);
    });

    it('returns the amount in canonical form', async () => {
      expect((await provider.charge(request({ amount: '12.5' }))).amount).toBe('12.50');
    });

    it('returns the stored charge for a repeated idempotency key and never charges twice', async () => {
      const req = request();
      const first = await provider.charge(req);
      const again = await provider.charge(req);
      expect(again).toEqual(first);
      expect(await harness.succeededCharges(req.tenantId, req.orderId)).toBe(1);
    });

    it('charges once when the same key races', async () => {
      const req = request();
      const charges = await Promise.all(Array.from({ length: 5 }, () => provider.charge(req)));
      expect(new Set(charges.map((c) => c.transactionId)).size).toBe(1);
      expect(await harness.succeededCharges(req.tenantId, req.orderId)).toBe(1);
    });

    it('makes a separate charge for another key', async () => {
      const orderId = randomUUID();
      const a = await provider.charge(request({ orderId }));
      const b = await provider.charge(request({ orderId }));
      expect(a.transactionId).not.toBe(b.transactionId);
      expect(await harness.succeededCharges('tenant-a', orderId)).toBe(2);
    });

    it.each([
      ['pm_card_chargeDeclined', 'card_declined'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
      ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
      ['pm_card_unknownToTheProvider', 'resource_missing'],
    ])('declines %s as Payment.Declined with code %s, and remembers it', async (paymentMethod, declineCode) => {
      const req = request({ paymentMethod });
      const first = await failure(provider.charge(req));
      expect(first.name).toBe('Payment.Declined');
      expect(first.declineCode).toBe(declineCode);
      expect(first.message).toContain(declineCode);
      const replayed = await failure(provider.charge(req));
      expect([replayed.name, replayed.declineCode]).toEqual(['Payment.Declined', declineCode]);
      expect(await harness.succeededCharges(req.tenantId, req.orderId)).toBe(0);
    });

    it('fails pm_card_transientFailure as unavailable twice per key, then charges once', async () => {
      const req = request({ paymentMethod: 'pm_card_transientFailure' });
      expect((await failure(provider.charge(req))).name).toBe('Payment.ProviderUnavailable');
      expect((await failure(provider.charge(req))).name).toBe('Payment.ProviderUnavailable');
      const charge = await provider.charge(req);
      expect(await provider.charge(req)).toEqual(charge);
      expect(await harness.succeededCharges(req.tenantId, req.orderId)).toBe(1);
      // Each key has its own outage: a new key starts failing again.
      expect((await failure(provider.charge(request({ paymentMethod: 'pm_card_transientFailure' })))).name).toBe(
        'Payment.ProviderUnavailable',
      );
    });

    it.each([
      ['a zero amount', { amount: '0' }],
      ['a negative amount', { amount: '-1.00' }],
      ['more than 4 decimals', { amount: '1.00001' }],
      ['a lower-case currency', { currency: 'eur' }],
      ['a card number', { paymentMethod: '4242424242424242' }],
      ['an empty key', { idempotencyKey: '' }],
    ])('refuses %s as Payment.InvalidRequest', async (_case, overrides) => {
      expect((await failure(provider.charge(request(overrides)))).name).toBe('Payment.InvalidRequest');
    });

    it('refuses a key reused for another charge instead of replaying it', async () => {
      const req = request();
      const first = await provider.charge(req);
      for (const other of [{ amount: '13.16' }, { orderId: randomUUID() }, { paymentMethod: 'pm_card_mastercard' }]) {
        expect((await failure(provider.charge({ ...req, ...other }))).name).toBe('Payment.InvalidRequest');
      }
      expect(await provider.charge({ ...req, amount: '13.1500' })).toEqual(first);
    });
  });
}
