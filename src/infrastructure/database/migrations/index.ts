import { CreateOrders1700000000000 } from './1700000000000-create-orders';
import { OrderFulfilment1700000003000 } from './1700000003000-order-fulfilment';

/** Every migration, in order. Listed explicitly so compiled, bundled and ts-jest runs agree. */
export const MIGRATIONS = [CreateOrders1700000000000, OrderFulfilment1700000003000];
