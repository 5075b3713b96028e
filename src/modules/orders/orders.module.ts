import { Module } from '@nestjs/common';
import { ArrangeShipmentHandler } from './commands/arrange-shipment/arrange-shipment.handler';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { CompleteOrderHandler } from './commands/complete-order/complete-order.handler';
import { CreateOrderHandler } from './commands/create-order/create-order.handler';
import { MarkPaymentFailedHandler } from './commands/mark-payment-failed/mark-payment-failed.handler';
import { ProcessPaymentHandler } from './commands/process-payment/process-payment.handler';
import { SendOrderNotificationHandler } from './commands/send-order-notification/send-order-notification.handler';
import { UpdateOrderHandler } from './commands/update-order/update-order.handler';
import { OrdersController } from './orders.controller';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { OrderFulfilmentWorkflow } from './workflows/order-fulfilment.workflow';
import { OrderProcessingConsumer } from './workflows/order-processing.consumer';
import { OrderStatusMetricsHandler } from './events/order-status-metrics.handler';

/**
 * The ports (ORDER_REPOSITORY, PAYMENT_PROVIDER, CARRIER, NOTIFIER) are bound by the
 * infrastructure module. The fulfilment commands are also workflow tasks (@WorkflowTask),
 * run by order-fulfilment.asl.json, which OrderProcessingConsumer starts for each new order.
 */
@Module({
  imports: [OrderFulfilmentWorkflow],
  controllers: [OrdersController],
  providers: [
    CreateOrderHandler,
    UpdateOrderHandler,
    CancelOrderHandler,
    GetOrderHandler,
    ListOrdersHandler,
    ProcessPaymentHandler,
    ArrangeShipmentHandler,
    SendOrderNotificationHandler,
    CompleteOrderHandler,
    MarkPaymentFailedHandler,
    OrderProcessingConsumer,
    OrderStatusMetricsHandler,
  ],
})
export class OrdersModule {}
