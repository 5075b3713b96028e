import { ConflictError, NotFoundError, UnprocessableError } from '../../../common/errors/application-errors';

export class ProductNotFoundError extends NotFoundError {
  constructor(sku: string) {
    super(`Product ${sku} not found`);
  }
}

export class ProductExistsError extends ConflictError {
  constructor(sku: string) {
    super(`Product ${sku} already exists; use PUT /v1/products/${sku} to change it`);
  }
}

export class ProductImportNotFoundError extends NotFoundError {
  constructor(importId: string) {
    super(`Product import ${importId} not found`);
  }
}

export class ReviewItemNotFoundError extends NotFoundError {
  constructor(lineId: string) {
    super(`No review item for line ${lineId}`);
  }
}

/** A review names a SKU the tenant's catalog does not have. */
export class UnknownSkuError extends UnprocessableError {
  constructor(sku: string) {
    super(`SKU ${sku} is not in the catalog`);
  }
}
