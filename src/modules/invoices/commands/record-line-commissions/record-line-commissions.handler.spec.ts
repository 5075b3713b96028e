import { InvoiceHarness, normalizedInvoice, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { RecordLineCommissionsCommand } from './record-line-commissions.command';
import { RecordLineCommissionsHandler } from './record-line-commissions.handler';

describe('RecordLineCommissionsHandler', () => {
  let h: InvoiceHarness;
  let handler: RecordLineCommissionsHandler;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new RecordLineCommissionsHandler(h.invoices);
  });
  afterAll(() => h?.close());

  it('stores exact commissions per line, and the same commissions again change nothing', async () => {
    const invoice = await h.receive({ processing: 'exec-1', normalized: normalizedInvoice() });
    const lineId = invoice.props.lines[1].lineId;
    const commissions = [{ lineId, amount: '61727.7375', currency: 'EUR', ruleId: 'rule-7' }];
    await handler.execute(new RecordLineCommissionsCommand('t1', invoice.id, commissions));
    const stored = await h.reload(invoice);
    expect(stored.props.lines.map((l) => l.commission)).toEqual([null, { amount: '61727.7375', currency: 'EUR', ruleId: 'rule-7' }]);
    await handler.execute(new RecordLineCommissionsCommand('t1', invoice.id, commissions));
    expect((await h.reload(invoice)).props.version).toBe(stored.props.version);
  });

  it('refuses an amount with more than 4 decimals', async () => {
    const invoice = await h.receive({ processing: 'exec-2', normalized: normalizedInvoice() });
    const lineId = invoice.props.lines[0].lineId;
    await expect(
      handler.execute(new RecordLineCommissionsCommand('t1', invoice.id, [{ lineId, amount: '0.00001', currency: 'EUR', ruleId: 'r' }])),
    ).rejects.toThrow(/at most 4 decimals/);
  });
});
