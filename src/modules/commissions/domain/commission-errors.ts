import { ConflictError, InvalidInputError, NotFoundError, UnprocessableError } from '../../../common/errors/application-errors';

export interface FieldProblem {
  field: string;
  errors: string[];
}

/** Breaks an agreement rule that DTO validation cannot see (tiers, scopes, dates); 400. */
export class InvalidAgreementError extends InvalidInputError {
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid agreement: ${problems.map((p) => p.field).join(', ')}`, problems);
  }
}

export class AgreementNotFoundError extends NotFoundError {
  constructor(agreementId: string) {
    super(`Commission agreement ${agreementId} not found`);
  }
}

export class AgreementOverlapError extends ConflictError {
  constructor(supplierId: string, otherId: string) {
    super(`Supplier ${supplierId} already has agreement ${otherId} valid on some of these dates; end or shorten it first`);
  }
}

export class AgreementEndedError extends ConflictError {
  constructor(agreementId: string) {
    super(`Commission agreement ${agreementId} has ended and can no longer change`);
  }
}

export class StaleAgreementError extends ConflictError {
  constructor(agreementId: string) {
    super(`Commission agreement ${agreementId} was changed by another request; reload it and retry`);
  }
}

// The names below are what a workflow's Retry/Catch match on when the calculation runs as a task.

/** The invoice is in another currency than the agreement valid on its date. */
export class CommissionCurrencyMismatchError extends UnprocessableError {
  override readonly name = 'Commission.CurrencyMismatch';
  constructor(invoiceCurrency: string, agreementId: string, agreementCurrency: string) {
    super(`Invoice currency ${invoiceCurrency} differs from ${agreementCurrency}, the currency of commission agreement ${agreementId}`);
  }
}

/** The calculation input is malformed (dates, decimals, duplicate line ids). */
export class InvalidCommissionInputError extends InvalidInputError {
  override readonly name = 'Commission.InvalidInput';
}
