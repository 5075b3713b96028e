/**
 * Errors raised by domain and application code. They carry no HTTP knowledge; the
 * exception filter maps each kind to a status so handlers stay transport-agnostic.
 */
export abstract class ApplicationError extends Error {
  abstract readonly kind: 'not-found' | 'conflict' | 'precondition-failed' | 'unprocessable' | 'invalid' | 'too-large' | 'unsupported-type';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ApplicationError {
  readonly kind = 'not-found' as const;
}

/** The request is valid but clashes with the current state (illegal transition, stale version). */
export class ConflictError extends ApplicationError {
  readonly kind = 'conflict' as const;
}

/** An `If-Match` precondition did not hold. */
export class PreconditionFailedError extends ApplicationError {
  readonly kind = 'precondition-failed' as const;
}

/** Well-formed but semantically refused, e.g. an idempotency key reused with another body. */
export class UnprocessableError extends ApplicationError {
  readonly kind = 'unprocessable' as const;
}

/** Input that passed DTO validation but breaks a domain rule. */
export class InvalidInputError extends ApplicationError {
  readonly kind = 'invalid' as const;
}

/** Content larger than the operation accepts (an upload over its size limit). */
export class PayloadTooLargeError extends ApplicationError {
  readonly kind = 'too-large' as const;
}

/** Content of a type the operation does not accept, decided from the content itself. */
export class UnsupportedMediaTypeError extends ApplicationError {
  readonly kind = 'unsupported-type' as const;
}

export const STATUS_BY_KIND: Record<ApplicationError['kind'], number> = {
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  unprocessable: 422,
  invalid: 400,
  'too-large': 413,
  'unsupported-type': 415,
};
