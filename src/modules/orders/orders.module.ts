import { Module } from '@nestjs/common';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { CreateOrderHandler } from './commands/create-order/create-order.handler';
import { UpdateOrderHandler } from './commands/update-order/update-order.handler';
import { OrdersController } from './orders.controller';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';

/** The order repository adapter (ORDER_REPOSITORY) is bound by the infrastructure module. */
@Module({
  controllers: [OrdersController],
  providers: [CreateOrderHandler, UpdateOrderHandler, CancelOrderHandler, GetOrderHandler, ListOrdersHandler],
})
export class OrdersModule {}
