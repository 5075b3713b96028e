import { Command } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';
import type { ExpectedVersion } from '../expected-version';

export class CancelOrderCommand extends Command<OrderProps> {
  constructor(
    readonly tenantId: string,
    readonly orderId: string,
    readonly expected?: ExpectedVersion,
  ) {
    super();
  }
}
