import { PreconditionFailedError } from '../../../common/errors/application-errors';
import { Order } from '../domain/order';
import { StaleOrderError } from '../domain/order-repository.port';

/** A client's claim about the version it last saw, and how it made it. */
export interface ExpectedVersion {
  version: number;
  via: 'if-match' | 'body';
}

/** HTTP semantics: a failed If-Match is 412; a stale version in the body is a 409 conflict. */
export function assertExpectedVersion(order: Order, expected?: ExpectedVersion): void {
  if (!expected || expected.version === order.version) return;
  if (expected.via === 'if-match') {
    throw new PreconditionFailedError(`Order ${order.id} is at version ${order.version}, not ${expected.version}`);
  }
  throw new StaleOrderError(order.id);
}
