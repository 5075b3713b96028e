// Errors the order workflow tasks raise on purpose. Their names are what Retry and
// Catch match on: Order.Conflict is worth retrying, the others are not.

/** The task input is not `{ tenantId, orderId }` (plus the task's own fields). */
export class OrderTaskInputError extends Error {
  override readonly name = 'Order.InvalidTaskInput';
}

export class OrderTaskNotFoundError extends Error {
  override readonly name = 'Order.NotFound';
}

/** Someone else changed the order between our read and our write; a retry re-reads it. */
export class OrderConflictError extends Error {
  override readonly name = 'Order.Conflict';
}

/** The order can no longer be charged, e.g. it was cancelled while the workflow ran. */
export class OrderNotPayableError extends Error {
  override readonly name = 'Order.NotPayable';
}

/** The order is in a state this step cannot start from (e.g. shipping an unpaid order). */
export class OrderStateError extends Error {
  override readonly name = 'Order.InvalidState';
}
