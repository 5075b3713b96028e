import { Logger } from '@nestjs/common';
import { CommandBus, EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { LineMatchConfirmedEvent } from '../../matching';
import { CalculateInvoiceCommissionsTaskCommand } from '../commands/calculate-invoice-commissions/calculate-invoice-commissions.command';
import { PublishProcessedInvoiceCommand } from '../commands/publish-processed-invoice/publish-processed-invoice.command';
import { RecordLineMatchesCommand } from '../commands/record-line-matches/record-line-matches.command';

/**
 * A person settled a line in the review queue: the line takes the confirmed SKU, the
 * invoice's commissions are recomputed (the category may have changed the rule), and it is
 * published again, which completes it once nothing is left to review. Each step is
 * idempotent, so confirming twice changes nothing.
 */
@EventsHandler(LineMatchConfirmedEvent)
export class ApplyConfirmedMatchHandler implements IEventHandler<LineMatchConfirmedEvent> {
  private readonly logger = new Logger(ApplyConfirmedMatchHandler.name);

  constructor(private readonly commands: CommandBus) {}

  async handle({ tenantId, invoiceId, lineId, sku }: LineMatchConfirmedEvent): Promise<void> {
    const step = { tenantId, invoiceId };
    const context = { executionId: `review:${lineId}`, stateName: 'ReviewConfirmed', idempotencyKey: `review:${lineId}:${sku}`, attempt: 1 };
    try {
      await this.commands.execute(new RecordLineMatchesCommand(tenantId, invoiceId, [{ lineId, sku, confidence: 1, status: 'matched' }]));
      await this.commands.execute(new CalculateInvoiceCommissionsTaskCommand(step, context));
      await this.commands.execute(new PublishProcessedInvoiceCommand(step, context));
    } catch (error) {
      this.logger.error({ tenantId, invoiceId, lineId, err: error }, 'Applying a confirmed match to its invoice failed');
    }
  }
}
