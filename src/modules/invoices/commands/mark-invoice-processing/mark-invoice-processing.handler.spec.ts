import { InvoiceHarness, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { StaleInvoiceError } from '../../domain/invoice-repository.port';
import { MarkInvoiceProcessingCommand } from './mark-invoice-processing.command';
import { MarkInvoiceProcessingHandler } from './mark-invoice-processing.handler';

describe('MarkInvoiceProcessingHandler', () => {
  let h: InvoiceHarness;
  let handler: MarkInvoiceProcessingHandler;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new MarkInvoiceProcessingHandler(h.invoices);
  });
  afterAll(() => h?.close());

  it('moves a RECEIVED invoice to PROCESSING under the execution, once however often it runs', async () => {
    const invoice = await h.receive();
    expect(await handler.execute(new MarkInvoiceProcessingCommand('t1', invoice.id, 'exec-1'))).toEqual({ invoiceId: invoice.id, status: 'PROCESSING' });
    expect(await handler.execute(new MarkInvoiceProcessingCommand('t1', invoice.id, 'exec-1'))).toEqual({ invoiceId: invoice.id, status: 'PROCESSING' });
    const stored = await h.reload(invoice);
    expect(stored.props).toMatchObject({ status: 'PROCESSING', workflowExecutionId: 'exec-1', version: 2 });
  });

  it('lets a new execution take a FAILED invoice again, clearing the reason', async () => {
    const invoice = await h.receive({ processing: 'exec-a' });
    invoice.fail('OCR timed out');
    await h.invoices.save(invoice);
    await handler.execute(new MarkInvoiceProcessingCommand('t1', invoice.id, 'exec-b'));
    expect((await h.reload(invoice)).props).toMatchObject({ status: 'PROCESSING', workflowExecutionId: 'exec-b', failureReason: null });
  });

  it('refuses to take a COMPLETED invoice for another execution', async () => {
    const invoice = await h.receive({ processing: 'exec-c' });
    invoice.complete('COMPLETED' as never);
    await h.invoices.save(invoice);
    await expect(handler.execute(new MarkInvoiceProcessingCommand('t1', invoice.id, 'exec-d'))).rejects.toThrow(/is COMPLETED/);
  });

  it('refuses to write over a version another writer saved first', async () => {
    const invoice = await h.receive();
    const copy = await h.reload(invoice);
    invoice.markProcessing('exec-e');
    await h.invoices.save(invoice);
    copy.fail('late writer');
    await expect(h.invoices.save(copy)).rejects.toBeInstanceOf(StaleInvoiceError);
  });
});
