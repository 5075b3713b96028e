import { CreateOrders1700000000000 } from './1700000000000-create-orders';

/** Every migration, in order. Listed explicitly so compiled, bundled and ts-jest runs agree. */
export const MIGRATIONS = [CreateOrders1700000000000];
