import { Inject } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { CounterMetric, METRICS, Metrics } from '../../../common/metrics/metrics.port';
import { OrderCancelledEvent } from './order-cancelled.event';
import { OrderCreatedEvent } from './order-created.event';
import { OrderUpdatedEvent } from './order-updated.event';

type OrderEvent = OrderCreatedEvent | OrderUpdatedEvent | OrderCancelledEvent;

/**
 * Orders entering each status, counted from the events every committed change publishes:
 * creations (PENDING), fulfilment steps and cancellations. Edits that keep the status are not counted.
 */
@EventsHandler(OrderCreatedEvent, OrderUpdatedEvent, OrderCancelledEvent)
export class OrderStatusMetricsHandler implements IEventHandler<OrderEvent> {
  private readonly entered: CounterMetric<'status'>;

  constructor(@Inject(METRICS) metrics: Metrics) {
    this.entered = metrics.counter({
      name: 'mercantil_order_status_transitions_total',
      help: 'Orders that entered each status (PENDING on creation)',
      labelNames: ['status'],
    });
  }

  handle(event: OrderEvent): void {
    if (event instanceof OrderUpdatedEvent && event.previous.status === event.order.status) return;
    this.entered.inc({ status: event.order.status });
  }
}
