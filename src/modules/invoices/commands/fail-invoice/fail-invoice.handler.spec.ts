import { InvoiceHarness, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { FailInvoiceCommand } from './fail-invoice.command';
import { FailInvoiceHandler } from './fail-invoice.handler';

describe('FailInvoiceHandler', () => {
  let h: InvoiceHarness;
  let handler: FailInvoiceHandler;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new FailInvoiceHandler(h.invoices);
  });
  afterAll(() => h?.close());

  it('fails an invoice with a readable reason once, however often it runs', async () => {
    const invoice = await h.receive({ processing: 'exec-1' });
    const reason = 'The PDF is corrupt: no pages could be read';
    expect(await handler.execute(new FailInvoiceCommand('t1', invoice.id, reason))).toEqual({ invoiceId: invoice.id, status: 'FAILED' });
    const version = (await h.reload(invoice)).props.version;
    await handler.execute(new FailInvoiceCommand('t1', invoice.id, reason));
    expect((await h.reload(invoice)).props).toMatchObject({ status: 'FAILED', failureReason: reason, version });
  });

  it('refuses to fail a COMPLETED invoice', async () => {
    const invoice = await h.receive({ processing: 'exec-2' });
    invoice.complete('COMPLETED' as never);
    await h.invoices.save(invoice);
    await expect(handler.execute(new FailInvoiceCommand('t1', invoice.id, 'late'))).rejects.toThrow(/is COMPLETED/);
  });
});
