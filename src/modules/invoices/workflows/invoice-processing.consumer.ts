import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { QueueConsumer, QueueMessageHandler } from '../../../common/queue/queue-consumer';
import { INVOICE_PROCESSING_QUEUE } from '../../../common/queue/queue-definition';
import { QueueMessage } from '../../../common/queue/queue.port';
import { StartExecutionCommand } from '../../workflow';
import { INVOICE_PROCESSING_WORKFLOW, InvoiceProcessingMessage } from './invoice-processing.message';

/** One pipeline run per invoice: the execution is named after it, so redelivery finds the first run. */
@Injectable()
@QueueConsumer(INVOICE_PROCESSING_QUEUE)
export class InvoiceProcessingConsumer implements QueueMessageHandler<InvoiceProcessingMessage> {
  constructor(private readonly commands: CommandBus) {}

  async handle(message: QueueMessage<InvoiceProcessingMessage>): Promise<void> {
    const { tenantId, invoiceId } = message.body ?? ({} as Partial<InvoiceProcessingMessage>);
    if (typeof tenantId !== 'string' || typeof invoiceId !== 'string') {
      throw new Error(`Message ${message.id} on ${INVOICE_PROCESSING_QUEUE} lacks tenantId or invoiceId`);
    }
    await this.commands.execute(new StartExecutionCommand(tenantId, INVOICE_PROCESSING_WORKFLOW, { tenantId, invoiceId }, invoiceId));
  }
}
