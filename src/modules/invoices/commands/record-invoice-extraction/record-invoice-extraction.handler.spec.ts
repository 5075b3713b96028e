import { InvoiceHarness, normalizedInvoice, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { RecordInvoiceExtractionCommand } from './record-invoice-extraction.command';
import { RecordInvoiceExtractionHandler } from './record-invoice-extraction.handler';

describe('RecordInvoiceExtractionHandler', () => {
  let h: InvoiceHarness;
  let handler: RecordInvoiceExtractionHandler;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new RecordInvoiceExtractionHandler(h.invoices);
  });
  afterAll(() => h?.close());

  it('stores header and lines exactly, returns stable line ids, and changes nothing when run again', async () => {
    const invoice = await h.receive({ processing: 'exec-1' });
    const first = await handler.execute(new RecordInvoiceExtractionCommand('t1', invoice.id, normalizedInvoice()));
    expect(first.lines.map((l) => [l.position, l.quantity?.value, l.unitPrice?.value, l.lineTotal?.value])).toEqual([
      [0, '3', '4.35', '13.05'],
      [1, '2.5', '0.0125', '1234554.75'],
    ]);
    const stored = await h.reload(invoice);
    expect(stored.props.status).toBe('PROCESSING');
    expect(stored.props.header).toMatchObject({ subtotal: { value: '1234567.80', confidence: 0.9 }, dueDate: null, issueDate: { value: '2024-05-03' } });
    expect(stored.props.lines).toEqual(first.lines);

    const again = await handler.execute(new RecordInvoiceExtractionCommand('t1', invoice.id, normalizedInvoice()));
    expect(again.lines).toEqual(first.lines);
    expect((await h.reload(invoice)).props.version).toBe(stored.props.version);
  });

  it('keeps line ids by position and drops lines a new extraction no longer has', async () => {
    const invoice = await h.receive({ processing: 'exec-2', normalized: normalizedInvoice() });
    const before = (await h.reload(invoice)).props.lines;
    const shorter = normalizedInvoice();
    shorter.lines = shorter.lines.slice(0, 1);
    const result = await handler.execute(new RecordInvoiceExtractionCommand('t1', invoice.id, shorter));
    expect(result.lines.map((l) => l.lineId)).toEqual([before[0].lineId]);
    expect((await h.reload(invoice)).props.lines).toHaveLength(1);
  });

  it('refuses amounts that numeric(19,4) cannot hold exactly, naming the field', async () => {
    const invoice = await h.receive({ processing: 'exec-3' });
    const bad = normalizedInvoice({ total: { value: '10.12345', confidence: 1 } });
    await expect(handler.execute(new RecordInvoiceExtractionCommand('t1', invoice.id, bad))).rejects.toThrow(/total must be a decimal/);
  });

  it('refuses an invoice that is not PROCESSING, and one of another tenant', async () => {
    const received = await h.receive();
    await expect(handler.execute(new RecordInvoiceExtractionCommand('t1', received.id, normalizedInvoice()))).rejects.toThrow(/is RECEIVED/);
    await expect(handler.execute(new RecordInvoiceExtractionCommand('t2', received.id, normalizedInvoice()))).rejects.toThrow(/not found/);
  });
});
