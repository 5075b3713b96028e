import Decimal from 'decimal.js';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import { DECIMAL_AMOUNT, formatAmount } from '../../../common/money/money';
import {
  Charge,
  ChargeRequest,
  PaymentDeclinedError,
  PaymentProvider,
  PaymentProviderUnavailableError,
  PaymentRequestInvalidError,
} from '../domain/payment-provider.port';
import { PAYMENT_METHOD_PATTERN } from '../domain/payment-method';

type Behaviour =
  | { outcome: 'approve' }
  | { outcome: 'decline'; declineCode: string }
  /** Fails as unavailable on the first `failures` attempts of a key, then approves. */
  | { outcome: 'flaky'; failures: number };

/** Stripe's test payment methods, plus one that exercises retries. README lists the same table. */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, Behaviour>> = {
  pm_card_visa: { outcome: 'approve' },
  pm_card_mastercard: { outcome: 'approve' },
  pm_card_amex: { outcome: 'approve' },
  pm_card_chargeDeclined: { outcome: 'decline', declineCode: 'card_declined' },
  pm_card_chargeDeclinedInsufficientFunds: { outcome: 'decline', declineCode: 'insufficient_funds' },
  pm_card_chargeDeclinedExpiredCard: { outcome: 'decline', declineCode: 'expired_card' },
  pm_card_transientFailure: { outcome: 'flaky', failures: 2 },
};
/** What Stripe answers for a payment method it does not know. */
const UNKNOWN_METHOD: Behaviour = { outcome: 'decline', declineCode: 'resource_missing' };

const MAX_KEY_LENGTH = 255;

interface PaymentRow {
  idempotency_key: string;
  tenant_id: string;
  order_id: string;
  amount: string;
  currency: string;
  payment_method: string;
  status: 'processing' | 'succeeded' | 'declined';
  attempts: number;
  transaction_id: string | null;
  decline_code: string | null;
  charged_at: Date | null;
}

/**
 * The embedded payment provider: behaves like Stripe's test mode, and keeps every charge in
 * the `payments` table keyed by idempotency key, so the outcome of a key is decided once.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  constructor(
    private readonly db: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async charge(request: ChargeRequest): Promise<Charge> {
    assertValid(request);
    const row = await this.claim(request);
    assertSameCharge(row, request);
    return outcomeOf(row.status === 'processing' ? await this.settle(row) : row);
  }

  /** Records the attempt; a key that is still undecided counts one more attempt. */
  private async claim(r: ChargeRequest): Promise<PaymentRow> {
    const at = this.now();
    const { rows: claimed } = await runSql<PaymentRow>(
      this.db,
      `INSERT INTO payments (idempotency_key, tenant_id, order_id, amount, currency, payment_method, status, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'processing', 1, $7, $7)
       ON CONFLICT (idempotency_key) DO UPDATE SET attempts = payments.attempts + 1, updated_at = EXCLUDED.updated_at
         WHERE payments.status = 'processing' AND payments.tenant_id = EXCLUDED.tenant_id
           AND payments.order_id = EXCLUDED.order_id AND payments.amount = EXCLUDED.amount
           AND payments.currency = EXCLUDED.currency AND payments.payment_method = EXCLUDED.payment_method
       RETURNING *`,
      [r.idempotencyKey, r.tenantId, r.orderId, r.amount, r.currency, r.paymentMethod, at],
    );
    return claimed[0] ?? this.find(r.idempotencyKey);
  }

  private async settle(row: PaymentRow): Promise<PaymentRow> {
    const behaviour = TEST_PAYMENT_METHODS[row.payment_method] ?? UNKNOWN_METHOD;
    if (behaviour.outcome === 'flaky' && row.attempts <= behaviour.failures) {
      throw new PaymentProviderUnavailableError(`Simulated provider outage (attempt ${row.attempts} of key ${row.idempotency_key})`);
    }
    const declined = behaviour.outcome === 'decline';
    const at = this.now();
    const { rows: settled } = await runSql<PaymentRow>(
      this.db,
      `UPDATE payments SET status = $2, transaction_id = $3, decline_code = $4, charged_at = $5, updated_at = $6
       WHERE idempotency_key = $1 AND status = 'processing' RETURNING *`,
      [
        row.idempotency_key,
        declined ? 'declined' : 'succeeded',
        declined ? null : `ch_${randomBytes(12).toString('hex')}`,
        declined ? behaviour.declineCode : null,
        declined ? null : at,
        at,
      ],
    );
    // Nothing updated: a concurrent attempt with the same key decided first, and its outcome stands.
    return settled[0] ?? this.find(row.idempotency_key);
  }

  private async find(idempotencyKey: string): Promise<PaymentRow> {
    const { rows } = await runSql<PaymentRow>(this.db, `SELECT * FROM payments WHERE idempotency_key = $1`, [idempotencyKey]);
    if (!rows[0]) throw new Error(`Payment ${idempotencyKey} vanished after it was claimed`);
    return rows[0];
  }
}

function assertValid(r: ChargeRequest): void {
  const problems = [
    !DECIMAL_AMOUNT.test(r.amount) || new Decimal(r.amount).lte(0) ? `amount ${JSON.stringify(r.amount)} is not a positive decimal` : '',
    /^[A-Z]{3}$/.test(r.currency) ? '' : `currency ${JSON.stringify(r.currency)} is not ISO 4217`,
    PAYMENT_METHOD_PATTERN.test(r.paymentMethod) ? '' : 'paymentMethod is not a payment-method token',
    r.idempotencyKey.length > 0 && r.idempotencyKey.length <= MAX_KEY_LENGTH ? '' : `idempotencyKey must be 1-${MAX_KEY_LENGTH} characters`,
  ].filter(Boolean);
  if (problems.length > 0) throw new PaymentRequestInvalidError(problems.join('; '));
}

/** Like Stripe, a key belongs to one charge: reusing it with other parameters is refused, not replayed. */
function assertSameCharge(row: PaymentRow, r: ChargeRequest): void {
  const same =
    row.tenant_id === r.tenantId && row.order_id === r.orderId && new Decimal(row.amount).eq(r.amount) &&
    row.currency === r.currency && row.payment_method === r.paymentMethod;
  if (!same) throw new PaymentRequestInvalidError(`Idempotency key ${r.idempotencyKey} was already used for another charge`);
}

function outcomeOf(row: PaymentRow): Charge {
  if (row.status === 'declined') throw new PaymentDeclinedError(row.decline_code ?? 'card_declined');
  if (row.status !== 'succeeded' || !row.transaction_id || !row.charged_at) {
    throw new Error(`Payment ${row.idempotency_key} is ${row.status}, not settled`);
  }
  return {
    transactionId: row.transaction_id,
    status: 'succeeded',
    amount: formatAmount(row.amount),
    currency: row.currency,
    chargedAt: row.charged_at.toISOString(),
  };
}
