import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ChangeEvent } from '../../../common/change-feed/change-event';
import { ChangeSubscriber, SubscribeToChanges } from '../../../common/change-feed/change-subscriber';
import { lineTotal } from '../../../common/money/money';
import { SALES_CHANGE_SUBSCRIBER } from '../../../common/queue/queue-definition';
import { CommissionCurrencyMismatchError, QuoteLineCommissionsQuery } from '../../commissions';
import { GetProductQuery, type Product, ProductNotFoundError } from '../../matching';
import { OrderStatus, type OrderProps } from '../../orders';
import { RecordSalesCommand, SaleInput } from '../commands/record-sales/record-sales.command';
import { UNASSIGNED_SUPPLIER } from '../domain/sale';

/**
 * Records a sale per line of each order the feed shows COMPLETED. COMPLETED is final, so
 * every later version of the order yields the same sales, which the sale ids make
 * idempotent: duplicates and redeliveries record nothing twice.
 */
@Injectable()
@SubscribeToChanges(SALES_CHANGE_SUBSCRIBER)
export class OrderSalesSubscriber implements ChangeSubscriber {
  private readonly logger = new Logger(OrderSalesSubscriber.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async handleChanges(changes: readonly ChangeEvent[]): Promise<void> {
    const completed = new Map<string, OrderProps>();
    for (const change of changes) {
      const order = change.data as unknown as OrderProps;
      if (change.entity === 'order' && change.op === 'upsert' && order.status === OrderStatus.COMPLETED) completed.set(`${change.tenantId}\u0000${change.key}`, order);
    }
    if (completed.size === 0) return;
    const sales = await Promise.all([...completed.values()].map((order) => this.salesOf(order)));
    await this.commands.execute(new RecordSalesCommand(sales.flat()));
  }

  private async salesOf(order: OrderProps): Promise<SaleInput[]> {
    const products = await Promise.all(order.items.map((item) => this.product(order.tenantId, item.sku)));
    const lines = order.items.map((item, index): SaleInput => ({
      tenantId: order.tenantId,
      source: 'order',
      sourceId: order.orderId,
      lineNumber: index + 1,
      supplierId: products[index]?.supplierId ?? UNASSIGNED_SUPPLIER,
      sku: item.sku,
      productName: item.name,
      category: products[index]?.category ?? null,
      customerId: order.customerId,
      quantity: String(item.quantity),
      unitPrice: item.unitPrice,
      amount: lineTotal(item),
      commission: '0.00',
      currency: order.currency,
      // The completion: when the order became a sale.
      occurredAt: order.updatedAt,
    }));
    for (const supplierId of new Set(lines.map((l) => l.supplierId))) {
      if (supplierId !== UNASSIGNED_SUPPLIER) await this.priceCommissions(order, lines.filter((l) => l.supplierId === supplierId));
    }
    return lines;
  }

  private async priceCommissions(order: OrderProps, lines: SaleInput[]): Promise<void> {
    const query = new QuoteLineCommissionsQuery(
      order.tenantId,
      lines[0].supplierId,
      order.updatedAt,
      order.currency,
      lines.map((l) => ({ lineId: String(l.lineNumber), sku: l.sku, category: l.category, quantity: l.quantity, lineTotal: l.amount })),
    );
    try {
      const quoted = new Map((await this.queries.execute(query)).map((c) => [c.lineId, c.amount]));
      for (const line of lines) line.commission = quoted.get(String(line.lineNumber)) ?? '0.00';
    } catch (error) {
      // An agreement in another currency cannot price this order: the sale still counts, without commission.
      if (!(error instanceof CommissionCurrencyMismatchError)) throw error;
      this.logger.warn({ tenantId: order.tenantId, orderId: order.orderId, err: error }, 'No commission for an order in another currency than its agreement');
    }
  }

  private async product(tenantId: string, sku: string): Promise<Product | null> {
    try {
      return await this.queries.execute(new GetProductQuery(tenantId, sku));
    } catch (error) {
      if (error instanceof ProductNotFoundError) return null;
      throw error;
    }
  }
}
