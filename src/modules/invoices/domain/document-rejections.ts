import { InvalidInputError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../../common/errors/application-errors';
import { ACCEPTED_CONTENT_TYPES } from './document-type';

/** Why a document cannot become an invoice; none of them goes away on a retry. */
export class EmptyDocumentError extends InvalidInputError {
  constructor() {
    super('The document is empty');
  }
}

export class DocumentTooLargeError extends PayloadTooLargeError {
  constructor(size: number, limit: number) {
    super(`The document is ${size} bytes; the limit is ${limit} bytes`, { size, limit });
  }
}

export class UnsupportedDocumentTypeError extends UnsupportedMediaTypeError {
  constructor() {
    super(`The document is not a PDF, PNG, JPEG or TIFF file (judged by its content)`, { accepted: ACCEPTED_CONTENT_TYPES });
  }
}

export class DocumentObjectNotFoundError extends NotFoundError {
  constructor(bucket: string, key: string) {
    super(`No object ${key} in bucket ${bucket}`);
  }
}
