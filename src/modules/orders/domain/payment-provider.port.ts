/**
 * Charges an order's payment method. Calls with the same idempotency key are one
 * charge: a re-run gets the stored outcome (success or decline) back and is never
 * charged twice; only a transient fault leaves the key free to be tried again.
 */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

export interface ChargeRequest {
  orderId: string;
  tenantId: string;
  /** Exact decimal text, e.g. "13.15". */
  amount: string;
  /** ISO 4217. */
  currency: string;
  /** A payment-method token such as pm_card_visa. */
  paymentMethod: string;
  idempotencyKey: string;
}

export interface Charge {
  transactionId: string;
  status: 'succeeded';
  amount: string;
  currency: string;
  /** ISO-8601 instant. */
  chargedAt: string;
}

export interface PaymentProvider {
  /** Throws PaymentDeclinedError, PaymentProviderUnavailableError or PaymentRequestInvalidError. */
  charge(request: ChargeRequest): Promise<Charge>;
}

// Error names are what a workflow's Retry and Catch match on.

/** The issuer refused the charge; retrying the same request cannot succeed. */
export class PaymentDeclinedError extends Error {
  override readonly name = 'Payment.Declined';

  constructor(readonly declineCode: string) {
    super(`The payment was declined (decline code: ${declineCode})`);
  }
}

/** The provider could not be reached or failed internally; the same request may succeed later. */
export class PaymentProviderUnavailableError extends Error {
  override readonly name = 'Payment.ProviderUnavailable';
}

/** The request itself is wrong (bad amount, or an idempotency key reused for another charge). */
export class PaymentRequestInvalidError extends Error {
  override readonly name = 'Payment.InvalidRequest';
}
