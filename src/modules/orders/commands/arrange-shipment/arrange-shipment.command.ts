import { WorkflowTask, WorkflowTaskCommand } from '../../../workflow';

export interface ArrangeShipmentResult {
  carrier: string;
  trackingNumber: string;
  /** YYYY-MM-DD */
  estimatedDeliveryDate: string;
  shipmentDate: string;
}

/**
 * Input `{ tenantId, orderId }`. Books the shipment: PAYMENT_PROCESSED → SHIPPED.
 * Throws Shipment.AddressRejected, Order.InvalidState, Order.Conflict.
 */
@WorkflowTask('ArrangeShipment', { idempotent: true })
export class ArrangeShipmentCommand extends WorkflowTaskCommand<ArrangeShipmentResult> {}
