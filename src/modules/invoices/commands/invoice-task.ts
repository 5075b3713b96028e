import { taskFields, type JsonValue } from '../../workflow';

export class InvoiceTaskInputError extends Error {
  override name = 'Invoice.InvalidTaskInput';
}

/** A step's input: `{ tenantId, invoiceId }` plus the step's own fields. */
export function invoiceTaskInput(input: JsonValue) {
  const fields = taskFields(input, ['tenantId', 'invoiceId']);
  if (!fields) throw new InvoiceTaskInputError('Task input must be an object with string tenantId and invoiceId');
  return fields;
}
