import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { OrderStatus } from '../../domain/order-status';
import { PAYMENT_PROVIDER, PaymentProvider } from '../../domain/payment-provider.port';
import { commitTransition, loadTaskOrder, SHIPPED_STATUSES, sideEffectKey } from '../order-task';
import { OrderNotPayableError } from '../order-task.errors';
import { ProcessPaymentCommand, ProcessPaymentResult } from './process-payment.command';

const PAID_STATUSES: readonly OrderStatus[] = [OrderStatus.PAYMENT_PROCESSED, ...SHIPPED_STATUSES];

/**
 * The charge is keyed by the order (sideEffectKey), so a re-run after a crash between
 * the charge and the order update gets the same charge back and only then updates the order.
 */
@CommandHandler(ProcessPaymentCommand)
export class ProcessPaymentHandler implements ICommandHandler<ProcessPaymentCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
    private readonly events: EventBus,
  ) {}

  async execute({ input }: ProcessPaymentCommand): Promise<ProcessPaymentResult> {
    const order = await loadTaskOrder(this.orders, input);
    const { props } = order;
    if (PAID_STATUSES.includes(order.status) && props.transactionId) return resultOf(props);
    if (order.status !== OrderStatus.PENDING) throw new OrderNotPayableError(`Order ${order.id} is ${order.status} and cannot be charged`);
    const charge = await this.payments.charge({
      orderId: props.orderId,
      tenantId: props.tenantId,
      amount: props.totalAmount,
      currency: props.currency,
      paymentMethod: props.paymentMethod,
      idempotencyKey: sideEffectKey(order, 'payment'),
    });
    const paid = order.transition(OrderStatus.PAYMENT_PROCESSED, { paymentDate: charge.chargedAt, transactionId: charge.transactionId });
    await commitTransition(this.orders, this.events, order, paid);
    return resultOf(paid.props);
  }
}

const resultOf = (p: OrderProps): ProcessPaymentResult => ({ transactionId: p.transactionId!, amount: p.totalAmount, currency: p.currency });
