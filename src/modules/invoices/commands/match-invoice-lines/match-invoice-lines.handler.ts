import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { MatchInvoiceLinesCommand } from '../../../matching';
import { InvoiceMetrics } from '../../application/invoice-metrics';
import { GetInvoiceQuery } from '../../queries/get-invoice/get-invoice.query';
import { invoiceTaskInput } from '../invoice-task';
import { RecordLineMatchesCommand } from '../record-line-matches/record-line-matches.command';
import { InvoiceMatchSummary, MatchInvoiceLinesTaskCommand } from './match-invoice-lines.command';

@CommandHandler(MatchInvoiceLinesTaskCommand)
export class MatchInvoiceLinesTaskHandler implements ICommandHandler<MatchInvoiceLinesTaskCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly metrics: InvoiceMetrics,
  ) {}

  async execute({ input }: MatchInvoiceLinesTaskCommand): Promise<InvoiceMatchSummary> {
    const { tenantId, invoiceId } = invoiceTaskInput(input);
    const invoice = await this.queries.execute(new GetInvoiceQuery(tenantId, invoiceId));
    const lines = invoice.lines.map((line) => ({
      lineId: line.lineId,
      description: line.description.value,
      supplierCode: line.supplierCode?.value,
      // Quantities only steer the matcher's unit arithmetic; money stays exact text.
      quantity: line.quantity ? Number(line.quantity.value) : undefined,
      unit: line.unit?.value,
      unitPrice: line.unitPrice?.value,
    }));
    const results = lines.length ? await this.commands.execute(new MatchInvoiceLinesCommand(tenantId, invoice.supplierId, invoiceId, lines)) : [];
    await this.commands.execute(
      new RecordLineMatchesCommand(tenantId, invoiceId, results.map((r) => ({ lineId: r.lineId, sku: r.sku, confidence: r.confidence, status: r.status }))),
    );
    const summary = { matched: results.filter((r) => r.status === 'matched').length, review: results.filter((r) => r.status === 'review').length };
    this.metrics.linesMatched(summary.matched, summary.review);
    return summary;
  }
}
