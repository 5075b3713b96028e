// The Orders module's public surface: other modules import from here only.
export { OrdersModule } from './orders.module';
export { CreateOrderCommand, type CreateOrderOutcome } from './commands/create-order/create-order.command';
export { UpdateOrderCommand } from './commands/update-order/update-order.command';
export { CancelOrderCommand } from './commands/cancel-order/cancel-order.command';
// Fulfilment workflow tasks (resources ProcessPayment, ArrangeShipment, SendNotification, CompleteOrder, MarkPaymentFailed).
export { ProcessPaymentCommand, type ProcessPaymentResult } from './commands/process-payment/process-payment.command';
export { ArrangeShipmentCommand, type ArrangeShipmentResult } from './commands/arrange-shipment/arrange-shipment.command';
export {
  SendOrderNotificationCommand,
  type SendOrderNotificationResult,
} from './commands/send-order-notification/send-order-notification.command';
export { CompleteOrderCommand, type OrderStatusResult } from './commands/complete-order/complete-order.command';
export { MarkPaymentFailedCommand } from './commands/mark-payment-failed/mark-payment-failed.command';
export {
  OrderConflictError,
  OrderNotPayableError,
  OrderStateError,
  OrderTaskInputError,
  OrderTaskNotFoundError,
} from './commands/order-task.errors';
export { PaymentDeclinedError, PaymentProviderUnavailableError, PaymentRequestInvalidError } from './domain/payment-provider.port';
export { ShipmentAddressRejectedError, ShipmentRequestInvalidError } from './domain/carrier.port';
export { GetOrderQuery } from './queries/get-order/get-order.query';
export { ListOrdersQuery, type OrderPageResult } from './queries/list-orders/list-orders.query';
export { OrderCreatedEvent } from './events/order-created.event';
export { OrderUpdatedEvent } from './events/order-updated.event';
export { OrderCancelledEvent } from './events/order-cancelled.event';
export { OrderStatus } from './domain/order-status';
export type { OrderProps, OrderItem, ShippingAddress, OrderLifecycle } from './domain/order';
export { CreateOrderDto, UpdateOrderDto, OrderItemDto, ShippingAddressDto } from './dto/order-input.dto';
export { OrderResponseDto } from './dto/order-response.dto';
