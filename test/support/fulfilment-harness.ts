import type { EventBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { OutboxNotifier } from '../../src/infrastructure/notifications/outbox-notifier.adapter';
import { PostgresOrderRepository } from '../../src/modules/orders/adapters/postgres-order.repository';
import { SimulatedCarrier } from '../../src/modules/orders/adapters/simulated-carrier.adapter';
import { SimulatedPaymentProvider } from '../../src/modules/orders/adapters/simulated-payment-provider.adapter';
import { Order, OrderLifecycle, ShippingAddress } from '../../src/modules/orders/domain/order';
import { OrderStatus } from '../../src/modules/orders/domain/order-status';
import type { TaskContext } from '../../src/modules/workflow/domain/workflow-task';
import { newOrder } from './order-fixtures';
import { createTestDatabase } from './test-database';

/** An order repository whose next update can be made to fail as if the process had crashed. */
export class CrashableOrderRepository extends PostgresOrderRepository {
  private crashNext = false;

  crashOnNextUpdate(): void {
    this.crashNext = true;
  }

  override async update(order: Order): Promise<void> {
    if (this.crashNext) {
      this.crashNext = false;
      throw new Error('simulated crash before the order update');
    }
    return super.update(order);
  }
}

export interface FulfilmentHarness {
  db: DataSource;
  orders: CrashableOrderRepository;
  payments: SimulatedPaymentProvider;
  carrier: SimulatedCarrier;
  notifier: OutboxNotifier;
  outboxDir: string;
  events: EventBus & { publish: jest.Mock };
  /** Stores a new order, walked through `path` of statuses. */
  placeOrder(options?: { paymentMethod?: string; shippingAddress?: ShippingAddress; path?: [OrderStatus, OrderLifecycle?][] }): Promise<Order>;
  count(sql: string, params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export const taskContext = (overrides: Partial<TaskContext> = {}): TaskContext => ({
  executionId: randomUUID(),
  stateName: 'Step',
  idempotencyKey: randomUUID(),
  attempt: 1,
  ...overrides,
});

/** The handlers' real adapters (embedded profile) on a throwaway database. */
export async function openFulfilmentHarness(): Promise<FulfilmentHarness> {
  const database = await createTestDatabase();
  const opened = await openDataSource(loadConfig(database.env));
  const db = opened.dataSource;
  const orders = new CrashableOrderRepository(db);
  const outboxDir = join(database.dataDir, 'outbox');
  return {
    db,
    orders,
    payments: new SimulatedPaymentProvider(db),
    carrier: new SimulatedCarrier(db),
    notifier: new OutboxNotifier(db, { outboxDir, from: 'Mercantil <orders@mercantil.test>' }),
    outboxDir,
    events: { publish: jest.fn() } as unknown as FulfilmentHarness['events'],
    placeOrder: async ({ paymentMethod, shippingAddress, path = [] } = {}) => {
      let order = newOrder({ paymentMethod, shippingAddress });
      await orders.create(order);
      for (const [status, lifecycle] of path) {
        order = order.transition(status, lifecycle);
        await orders.update(order);
      }
      return order;
    },
    count: async (sql, params) => Number((await db.query(sql, params))[0].count),
    close: async () => {
      await opened.close();
      await database.drop();
    },
  };
}
