import { Registry } from 'prom-client';
import { InvoiceHarness, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { PrometheusMetrics } from '../../../../infrastructure/observability/prometheus-metrics.adapter';
import { InvoiceMetrics } from '../../application/invoice-metrics';
import { FailInvoiceCommand } from './fail-invoice.command';
import { FailInvoiceHandler } from './fail-invoice.handler';

describe('FailInvoiceHandler', () => {
  let h: InvoiceHarness;
  let handler: FailInvoiceHandler;
  const registry = new Registry();
  const processed = async (outcome: string) =>
    (await registry.getSingleMetric('mercantil_invoices_processed_total')!.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new FailInvoiceHandler(h.invoices, new InvoiceMetrics(new PrometheusMetrics(registry)));
  });
  afterAll(() => h?.close());

  it('fails an invoice with a readable reason once, however often it runs', async () => {
    const invoice = await h.receive({ processing: 'exec-1' });
    const reason = 'The PDF is corrupt: no pages could be read';
    expect(await handler.execute(new FailInvoiceCommand('t1', invoice.id, reason))).toEqual({ invoiceId: invoice.id, status: 'FAILED' });
    const version = (await h.reload(invoice)).props.version;
    await handler.execute(new FailInvoiceCommand('t1', invoice.id, reason));
    expect((await h.reload(invoice)).props).toMatchObject({ status: 'FAILED', failureReason: reason, version });
    expect(await processed('failed')).toBe(1);
  });

  it('refuses to fail a COMPLETED invoice', async () => {
    const invoice = await h.receive({ processing: 'exec-2' });
    invoice.complete('COMPLETED' as never);
    await h.invoices.save(invoice);
    await expect(handler.execute(new FailInvoiceCommand('t1', invoice.id, 'late'))).rejects.toThrow(/is COMPLETED/);
  });
});
