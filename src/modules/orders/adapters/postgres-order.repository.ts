import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { formatAmount } from '../../../common/money/money';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { changesCommitted, recordChangesFrom } from '../../../infrastructure/change-feed/change-outbox-writes';
import { runSql } from '../../../infrastructure/database/run-sql';
import { Order, OrderProps } from '../domain/order';
import {
  CreateOrderResult,
  IdempotencyClaim,
  IdempotencyKeyReusedError,
  OrderListQuery,
  OrderPage,
  OrderRepository,
  StaleOrderError,
} from '../domain/order-repository.port';
import { OrderStatus } from '../domain/order-status';

interface OrderRow {
  order_id: string;
  tenant_id: string;
  customer_id: string;
  customer_name: string;
  customer_email: string;
  items: OrderProps['items'];
  total_amount: string;
  currency: string;
  payment_method: string;
  status: OrderStatus;
  shipping_address: OrderProps['shippingAddress'];
  payment_date: Date | null;
  transaction_id: string | null;
  shipment_date: Date | null;
  tracking_number: string | null;
  carrier: string | null;
  /** node-postgres reads a `date` as local midnight. */
  estimated_delivery_date: Date | null;
  delivery_date: Date | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

type Position = [createdAt: string, orderId: string];
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string';

const COLUMNS = `order_id, tenant_id, customer_id, customer_name, customer_email, items, total_amount, currency,
  payment_method, status, shipping_address, payment_date, transaction_id, shipment_date, tracking_number, carrier,
  estimated_delivery_date, delivery_date, failure_reason, created_at, updated_at, version`;
const COLUMN_COUNT = COLUMNS.split(',').length;
/**
 * What a write returns to record its change in the outbox in the same statement; the
 * change's data is the order's props, passed as the parameter `$${n}`.
 */
const changeReturning = (n: number) => `RETURNING tenant_id, order_id::text AS key, version, updated_at AS occurred_at, $${n}::jsonb AS data`;
const INSERT_ORDER = `WITH written AS (
    INSERT INTO orders (${COLUMNS}) VALUES (${Array.from({ length: COLUMN_COUNT }, (_, i) => `$${i + 1}`).join(', ')})
    ${changeReturning(COLUMN_COUNT + 1)})
  ${recordChangesFrom('written', 'order', 'upsert')}`;
/** The order columns qualified by the `o` alias, for joins. */
const PREFIXED_COLUMNS = COLUMNS.split(',').map((c) => `o.${c.trim()}`).join(', ');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PostgresOrderRepository implements OrderRepository {
  constructor(private readonly db: DataSource) {}

  async create(order: Order, idempotency?: IdempotencyClaim): Promise<CreateOrderResult> {
    const { tenantId } = order.props;
    if (idempotency) {
      const replay = await this.replay(this.db.manager, tenantId, idempotency);
      if (replay) return replay;
    }
    if (!idempotency) {
      await runSql(this.db, INSERT_ORDER, toValues(order.props));
      changesCommitted(this.db);
      return { order, replayed: false };
    }
    const created = await this.db.transaction(async (tx) => {
      await tx.query(INSERT_ORDER, toValues(order.props));
      const claimed = await tx.query(
        `INSERT INTO order_idempotency_keys (tenant_id, idempotency_key, request_hash, order_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING order_id`,
        [tenantId, idempotency.key, idempotency.requestHash, order.id],
      );
      if (claimed.length > 0) return { order, replayed: false };
      // A concurrent request won the key: ours must not exist, so roll back by throwing.
      throw new LostIdempotencyRace();
    }).catch(async (error: unknown) => {
      if (!(error instanceof LostIdempotencyRace)) throw error;
      const replay = await this.replay(this.db.manager, tenantId, idempotency);
      if (!replay) throw error;
      return replay;
    });
    if (!created.replayed) changesCommitted(this.db);
    return created;
  }

  private async replay(db: EntityManager, tenantId: string, claim: IdempotencyClaim): Promise<CreateOrderResult | null> {
    const rows: (OrderRow & { request_hash: string })[] = await db.query(
      `SELECT k.request_hash, ${PREFIXED_COLUMNS} FROM order_idempotency_keys k JOIN orders o USING (order_id)
       WHERE k.tenant_id = $1 AND k.idempotency_key = $2`,
      [tenantId, claim.key],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== claim.requestHash) throw new IdempotencyKeyReusedError();
    return { order: toOrder(rows[0]), replayed: true };
  }

  async findById(tenantId: string, orderId: string): Promise<Order | null> {
    if (!UUID.test(orderId)) return null;
    const { rows } = await runSql<OrderRow>(
      this.db,
      `SELECT ${COLUMNS} FROM orders WHERE order_id = $1 AND tenant_id = $2`,
      [orderId, tenantId],
    );
    return rows.length ? toOrder(rows[0]) : null;
  }

  async list(tenantId: string, query: OrderListQuery): Promise<OrderPage> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (query.customerId) add('customer_id = ?', query.customerId);
    if (query.status) add('status = ?', query.status);
    if (query.cursor) {
      const [createdAt, orderId] = decodeCursor(query.cursor, isPosition);
      params.push(createdAt, orderId);
      where.push(`(created_at, order_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const { rows } = await runSql<OrderRow>(
      this.db,
      `SELECT ${COLUMNS} FROM orders WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, order_id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit).map(toOrder);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor([last.props.createdAt, last.id]) : null;
    return { items: page, nextCursor };
  }

  async update(order: Order): Promise<void> {
    const p = order.props;
    const { rowCount } = await runSql(
      this.db,
      `WITH written AS (
         UPDATE orders SET items = $3, total_amount = $4, status = $5, shipping_address = $6, payment_date = $7,
           transaction_id = $8, shipment_date = $9, tracking_number = $10, carrier = $11, estimated_delivery_date = $12,
           delivery_date = $13, failure_reason = $14, updated_at = $15, version = $16
         WHERE order_id = $1 AND tenant_id = $2 AND version = $17
         ${changeReturning(18)})
       ${recordChangesFrom('written', 'order', 'upsert')}`,
      [
        p.orderId, p.tenantId, JSON.stringify(p.items), p.totalAmount, p.status, JSON.stringify(p.shippingAddress),
        p.paymentDate ?? null, p.transactionId ?? null, p.shipmentDate ?? null, p.trackingNumber ?? null,
        p.carrier ?? null, p.estimatedDeliveryDate ?? null, p.deliveryDate ?? null, p.failureReason ?? null,
        p.updatedAt, p.version, p.version - 1, JSON.stringify(p),
      ],
    );
    if (rowCount !== 1) throw new StaleOrderError(p.orderId);
    changesCommitted(this.db);
  }
}

class LostIdempotencyRace extends Error {}

function toValues(p: OrderProps): unknown[] {
  return [
    p.orderId, p.tenantId, p.customerId, p.customerName, p.customerEmail, JSON.stringify(p.items), p.totalAmount,
    p.currency, p.paymentMethod, p.status, JSON.stringify(p.shippingAddress), p.paymentDate ?? null,
    p.transactionId ?? null, p.shipmentDate ?? null, p.trackingNumber ?? null, p.carrier ?? null,
    p.estimatedDeliveryDate ?? null, p.deliveryDate ?? null, p.failureReason ?? null, p.createdAt, p.updatedAt, p.version,
    JSON.stringify(p),
  ];
}

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
/** The calendar date node-postgres read (at local midnight) back as YYYY-MM-DD, whatever the process time zone. */
const calendarDate = (d: Date | null) =>
  d ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : undefined;

function toOrder(r: OrderRow): Order {
  const props: OrderProps = {
    orderId: r.order_id,
    tenantId: r.tenant_id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    items: r.items,
    totalAmount: formatAmount(r.total_amount), // numeric(19,4) reads back as "12.5000"
    currency: r.currency,
    paymentMethod: r.payment_method,
    status: r.status,
    shippingAddress: r.shipping_address,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
  const lifecycle = {
    paymentDate: iso(r.payment_date),
    transactionId: r.transaction_id ?? undefined,
    shipmentDate: iso(r.shipment_date),
    trackingNumber: r.tracking_number ?? undefined,
    carrier: r.carrier ?? undefined,
    estimatedDeliveryDate: calendarDate(r.estimated_delivery_date),
    deliveryDate: iso(r.delivery_date),
    failureReason: r.failure_reason ?? undefined,
  };
  for (const [key, value] of Object.entries(lifecycle)) if (value !== undefined) Object.assign(props, { [key]: value });
  return Order.restore(props);
}
