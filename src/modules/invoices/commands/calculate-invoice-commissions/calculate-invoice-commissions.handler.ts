import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { CalculateInvoiceCommissionsCommand } from '../../../commissions';
import { GetProductQuery, type Product } from '../../../matching';
import { GetInvoiceQuery } from '../../queries/get-invoice/get-invoice.query';
import { invoiceTaskInput } from '../invoice-task';
import { RecordLineCommissionsCommand } from '../record-line-commissions/record-line-commissions.command';
import { CalculateInvoiceCommissionsTaskCommand, InvoiceCommissionSummary } from './calculate-invoice-commissions.command';

@CommandHandler(CalculateInvoiceCommissionsTaskCommand)
export class CalculateInvoiceCommissionsTaskHandler implements ICommandHandler<CalculateInvoiceCommissionsTaskCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ input }: CalculateInvoiceCommissionsTaskCommand): Promise<InvoiceCommissionSummary> {
    const { tenantId, invoiceId } = invoiceTaskInput(input);
    const invoice = await this.queries.execute(new GetInvoiceQuery(tenantId, invoiceId));
    const currency = invoice.header?.currency?.value ?? null;
    // Agreements are per supplier and per currency: without either there is nothing to apply.
    if (!invoice.supplierId) return { total: null, currency, skipped: 'the invoice has no supplier' };
    if (!currency) return { total: null, currency, skipped: 'the invoice currency is unknown' };
    const lines = await Promise.all(
      invoice.lines
        .filter((line) => line.lineTotal)
        .map(async (line) => {
          const sku = line.match?.status === 'matched' ? line.match.sku : null;
          const product: Product | null = sku ? await this.queries.execute(new GetProductQuery(tenantId, sku)).catch(() => null) : null;
          return { lineId: line.lineId, sku, category: product?.category ?? null, quantity: line.quantity?.value ?? '1', lineTotal: line.lineTotal!.value };
        }),
    );
    const invoiceDate = invoice.header?.issueDate?.value ?? invoice.createdAt;
    const result = await this.commands.execute(new CalculateInvoiceCommissionsCommand(tenantId, invoice.supplierId, invoiceId, invoiceDate, currency, lines));
    await this.commands.execute(
      new RecordLineCommissionsCommand(
        tenantId,
        invoiceId,
        result.lines.map((l) => ({ lineId: l.lineId, amount: l.amount, currency: l.currency, ruleId: l.ruleId ?? 'none' })),
      ),
    );
    return { total: result.total, currency: result.currency };
  }
}
