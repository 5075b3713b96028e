import { PreconditionFailedError } from '../../../common/errors/application-errors';
import { Agreement } from '../domain/agreement';
import { StaleAgreementError } from '../domain/commission-errors';

/** A client's claim about the version it last saw, and how it made it. */
export interface ExpectedVersion {
  version: number;
  via: 'if-match' | 'body';
}

/** As for orders: a failed If-Match is 412; a stale version in the body is a 409 conflict. */
export function assertExpectedVersion(agreement: Agreement, expected?: ExpectedVersion): void {
  if (!expected || expected.version === agreement.props.version) return;
  if (expected.via === 'if-match') {
    throw new PreconditionFailedError(`Agreement ${agreement.id} is at version ${agreement.props.version}, not ${expected.version}`);
  }
  throw new StaleAgreementError(agreement.id);
}
