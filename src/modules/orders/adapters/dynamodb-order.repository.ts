import { setTimeout as sleep } from 'node:timers/promises';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { Order } from '../domain/order';
import {
  CreateOrderResult,
  IdempotencyClaim,
  IdempotencyKeyReusedError,
  OrderListQuery,
  OrderPage,
  OrderRepository,
  StaleOrderError,
} from '../domain/order-repository.port';
import {
  compositeKey,
  createdKey,
  DynamoItem,
  idempotencyMarkerId,
  isOrderItem,
  toItem,
  toMarker,
  toMarkerItem,
  toOrder,
} from './dynamodb-order.mapper';
import { CUSTOMER_INDEX, TENANT_INDEX } from './dynamodb-orders-table';

/** DynamoDB's key size limits: longer values cannot be stored and fail validation as 400s, not as "not found". */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

/** The last returned order's position: [createdAt as a UTC ISO instant, orderId]. */
type Position = [createdAt: string, orderId: string];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && ISO_INSTANT.test(v[0]) &&
  !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string' && v[1].length > 0 &&
  Buffer.byteLength(createdKey(v[0], v[1])) <= MAX_SORT_KEY_BYTES;

/** A status filter is applied after the read, so read wider pages rather than one round trip per match. */
const FILTERED_READ_BATCH = 100;
/** Concurrent transactions on the same marker may all be cancelled; a retry then sees the winner. */
const CONFLICT_RETRIES = 5;

export class DynamoDbOrderRepository implements OrderRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(order: Order, idempotency?: IdempotencyClaim): Promise<CreateOrderResult> {
    if (!idempotency) {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: toItem(order), ConditionExpression: 'attribute_not_exists(orderId)' }),
      );
      return { order, replayed: false };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.claimAndPut(order, idempotency);
        return { order, replayed: false };
      } catch (error) {
        const markerOutcome = markerCancellation(error);
        if (markerOutcome === 'ConditionalCheckFailed') return this.replay(order.props.tenantId, idempotency);
        if (markerOutcome !== 'TransactionConflict' || attempt > CONFLICT_RETRIES) throw error;
        await sleep(10 * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }

  /** Writes the order and the key's marker atomically, so a key can never point at a missing order. */
  private async claimAndPut(order: Order, claim: IdempotencyClaim): Promise<void> {
    const marker = toMarkerItem(order.props.tenantId, claim.key, { requestHash: claim.requestHash, createdOrderId: order.id });
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: toItem(order), ConditionExpression: 'attribute_not_exists(orderId)' } },
          { Put: { TableName: this.tableName, Item: marker, ConditionExpression: 'attribute_not_exists(orderId)' } },
        ],
      }),
    );
  }

  private async replay(tenantId: string, claim: IdempotencyClaim): Promise<CreateOrderResult> {
    const marker = toMarker(await this.get(idempotencyMarkerId(tenantId, claim.key)));
    if (!marker) throw new Error(`Idempotency key of tenant ${tenantId} was claimed but its marker is unreadable`);
    if (marker.requestHash !== claim.requestHash) throw new IdempotencyKeyReusedError();
    const order = await this.findById(tenantId, marker.createdOrderId);
    if (!order) throw new Error(`Idempotency key of tenant ${tenantId} points at missing order ${marker.createdOrderId}`);
    return { order, replayed: true };
  }

  async findById(tenantId: string, orderId: string): Promise<Order | null> {
    if (orderId.length === 0 || Buffer.byteLength(orderId) > MAX_PARTITION_KEY_BYTES) return null;
    const item = await this.get(orderId);
    // The table also holds idempotency markers, whose keys a caller could pass as an id.
    return isOrderItem(item) && item.tenantId === tenantId ? toOrder(item) : null;
  }

  private async get(key: string): Promise<DynamoItem | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { orderId: key }, ConsistentRead: true }));
    return out.Item;
  }

  async list(tenantId: string, query: OrderListQuery): Promise<OrderPage> {
    const input = this.listQuery(tenantId, query);
    // One extra match tells whether a next page exists, so the last page carries no cursor.
    const wanted = query.limit + 1;
    const found: DynamoItem[] = [];
    let startKey: DynamoItem | undefined;
    do {
      const remaining = wanted - found.length;
      const out = await this.client.send(
        new QueryCommand({ ...input, Limit: query.status ? Math.max(remaining, FILTERED_READ_BATCH) : remaining, ExclusiveStartKey: startKey }),
      );
      found.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey && found.length < wanted);

    const items = found.slice(0, query.limit).map(toOrder);
    const last = items[items.length - 1];
    // The cursor is the last returned order's own position, not LastEvaluatedKey: a filtered
    // read may have gone past matches this page did not return.
    const nextCursor = found.length > query.limit && last
      ? encodeCursor([new Date(last.props.createdAt).toISOString(), last.id] satisfies Position)
      : null;
    return { items, nextCursor };
  }

  private listQuery(tenantId: string, query: OrderListQuery): QueryCommandInput {
    const names: Record<string, string> = { '#pk': query.customerId ? 'customerKey' : 'tenantId' };
    const values: DynamoItem = { ':pk': query.customerId ? compositeKey(tenantId, query.customerId) : tenantId };
    let keyCondition = '#pk = :pk';
    if (query.cursor) {
      const [createdAt, orderId] = decodeCursor(query.cursor, isPosition);
      keyCondition += ' AND #sk < :before';
      names['#sk'] = 'createdKey';
      values[':before'] = createdKey(createdAt, orderId);
    }
    let filter: string | undefined;
    if (query.status) {
      names['#status'] = 'status';
      values[':status'] = query.status;
      filter = '#status = :status';
    }
    return {
      TableName: this.tableName,
      IndexName: query.customerId ? CUSTOMER_INDEX : TENANT_INDEX,
      KeyConditionExpression: keyCondition,
      FilterExpression: filter,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    };
  }

  async update(order: Order): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(order),
          // Idempotency markers carry no version, so they can never be overwritten here.
          ConditionExpression: '#version = :expected AND #tenantId = :tenant',
          ExpressionAttributeNames: { '#version': 'version', '#tenantId': 'tenantId' },
          ExpressionAttributeValues: { ':expected': order.version - 1, ':tenant': order.props.tenantId },
        }),
      );
    } catch (error) {
      if (errorName(error) === 'ConditionalCheckFailedException') throw new StaleOrderError(order.id);
      throw error;
    }
  }
}

const errorName = (error: unknown) => (error as { name?: string } | null)?.name;

/** Why the idempotency marker's half of a cancelled create transaction failed, if that is what failed. */
function markerCancellation(error: unknown): string | undefined {
  if (errorName(error) !== 'TransactionCanceledException') return undefined;
  return (error as TransactionCanceledException).CancellationReasons?.[1]?.Code;
}
