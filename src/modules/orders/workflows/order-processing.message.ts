/** What the order-processing queue carries: enough to find the order, which stays the source of truth. */
export interface OrderProcessingMessage {
  tenantId: string;
  orderId: string;
}

export const ORDER_FULFILMENT_WORKFLOW = 'order-fulfilment';
