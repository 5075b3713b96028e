import { Registry } from 'prom-client';
import { InvoiceHarness, openInvoiceHarness } from '../../../../../test/support/invoice-harness';
import { PrometheusMetrics } from '../../../../infrastructure/observability/prometheus-metrics.adapter';
import { InvoiceMetrics } from '../../application/invoice-metrics';
import { CompleteInvoiceCommand } from './complete-invoice.command';
import { CompleteInvoiceHandler } from './complete-invoice.handler';

describe('CompleteInvoiceHandler', () => {
  let h: InvoiceHarness;
  let handler: CompleteInvoiceHandler;
  const registry = new Registry();
  const processed = async (outcome: string) =>
    (await registry.getSingleMetric('mercantil_invoices_processed_total')!.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  beforeAll(async () => {
    h = await openInvoiceHarness();
    handler = new CompleteInvoiceHandler(h.invoices, new InvoiceMetrics(new PrometheusMetrics(registry)));
  });
  afterAll(() => h?.close());

  it('completes a PROCESSING invoice once, however often it runs', async () => {
    const invoice = await h.receive({ processing: 'exec-1' });
    expect(await handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'COMPLETED'))).toEqual({ invoiceId: invoice.id, status: 'COMPLETED' });
    const version = (await h.reload(invoice)).props.version;
    await handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'COMPLETED'));
    expect((await h.reload(invoice)).props).toMatchObject({ status: 'COMPLETED', version });
    expect(await processed('completed')).toBe(1);
  });

  it('parks an invoice in NEEDS_REVIEW, which may then complete but not go back', async () => {
    const invoice = await h.receive({ processing: 'exec-2' });
    await handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'NEEDS_REVIEW'));
    await handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'NEEDS_REVIEW'));
    expect((await h.reload(invoice)).props.status).toBe('NEEDS_REVIEW');
    await handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'COMPLETED'));
    await expect(handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'NEEDS_REVIEW'))).rejects.toThrow(/is COMPLETED/);
    // The pipeline's outcome was needs_review; a person finishing the review is not a second processing.
    expect({ needsReview: await processed('needs_review'), completed: await processed('completed') }).toEqual({ needsReview: 1, completed: 1 });
  });

  it('refuses to complete an invoice no execution has taken', async () => {
    const invoice = await h.receive();
    await expect(handler.execute(new CompleteInvoiceCommand('t1', invoice.id, 'COMPLETED'))).rejects.toThrow(/is RECEIVED/);
  });
});
