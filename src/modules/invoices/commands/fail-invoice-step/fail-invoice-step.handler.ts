import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FailInvoiceCommand } from '../fail-invoice/fail-invoice.command';
import type { InvoiceStatusResult } from '../invoice-status.result';
import { invoiceTaskInput } from '../invoice-task';
import { FailInvoiceStepCommand } from './fail-invoice-step.command';

@CommandHandler(FailInvoiceStepCommand)
export class FailInvoiceStepHandler implements ICommandHandler<FailInvoiceStepCommand> {
  constructor(private readonly commands: CommandBus) {}

  execute({ input }: FailInvoiceStepCommand): Promise<InvoiceStatusResult> {
    const { tenantId, invoiceId, error } = invoiceTaskInput(input);
    const caught = (error ?? {}) as { Error?: string; Cause?: string };
    const reason = [caught.Error ?? 'States.TaskFailed', caught.Cause].filter(Boolean).join(': ');
    return this.commands.execute(new FailInvoiceCommand(tenantId, invoiceId, reason));
  }
}
