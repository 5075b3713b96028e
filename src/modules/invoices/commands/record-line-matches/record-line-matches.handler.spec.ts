import { InvoiceHarness, normalizedInvoice, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { RecordLineMatchesCommand } from './record-line-matches.command';
import { RecordLineMatchesHandler } from './record-line-matches.handler';

describe('RecordLineMatchesHandler', () => {
  let h: InvoiceHarness;
  let handler: RecordLineMatchesHandler;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new RecordLineMatchesHandler(h.invoices);
  });
  afterAll(() => h?.close());

  it('stores each line match, and the same matches again change nothing', async () => {
    const invoice = await h.receive({ processing: 'exec-1', normalized: normalizedInvoice() });
    const [a, b] = invoice.props.lines;
    const matches = [
      { lineId: a.lineId, sku: 'ACEITE-500', confidence: 0.93, status: 'matched' as const },
      { lineId: b.lineId, sku: null, confidence: 0.41, status: 'review' as const },
    ];
    await handler.execute(new RecordLineMatchesCommand('t1', invoice.id, matches));
    const stored = await h.reload(invoice);
    expect(stored.props.lines.map((l) => l.match)).toEqual([
      { sku: 'ACEITE-500', confidence: 0.93, status: 'matched' },
      { sku: null, confidence: 0.41, status: 'review' },
    ]);
    await handler.execute(new RecordLineMatchesCommand('t1', invoice.id, matches));
    expect((await h.reload(invoice)).props.version).toBe(stored.props.version);
  });

  it('refuses an unknown line id and a matched line without a sku', async () => {
    const invoice = await h.receive({ processing: 'exec-2', normalized: normalizedInvoice() });
    await expect(
      handler.execute(new RecordLineMatchesCommand('t1', invoice.id, [{ lineId: 'nope', sku: 'X', confidence: 1, status: 'matched' }])),
    ).rejects.toThrow(/has no line nope/);
    const lineId = invoice.props.lines[0].lineId;
    await expect(
      handler.execute(new RecordLineMatchesCommand('t1', invoice.id, [{ lineId, sku: null, confidence: 1, status: 'matched' }])),
    ).rejects.toThrow(/needs a sku/);
  });
});
