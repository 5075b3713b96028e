import { Command } from '@nestjs/cqrs';
import type { JsonValue, TaskContext } from '../../workflow';

/** A step of invoice-processing.asl.json: built by the engine from the state's input and context. */
export abstract class InvoiceTaskCommand<Result> extends Command<Result> {
  constructor(
    readonly input: JsonValue,
    readonly context: TaskContext,
  ) {
    super();
  }
}

export class InvoiceTaskInputError extends Error {
  override name = 'Invoice.InvalidTaskInput';
}

export function invoiceTaskInput(input: JsonValue): { tenantId: string; invoiceId: string; [key: string]: JsonValue } {
  const object = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
  const { tenantId, invoiceId } = object;
  if (typeof tenantId !== 'string' || typeof invoiceId !== 'string' || !tenantId || !invoiceId) {
    throw new InvoiceTaskInputError('Task input must be an object with string tenantId and invoiceId');
  }
  return { ...object, tenantId, invoiceId };
}
