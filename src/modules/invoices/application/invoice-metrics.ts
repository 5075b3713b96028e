import { Inject, Injectable } from '@nestjs/common';
import { CounterMetric, METRICS, Metrics } from '../../../common/metrics/metrics.port';
import type { Invoice } from '../domain/invoice';
import { InvoiceStatus } from '../domain/invoice-status';

const OUTCOMES: Partial<Record<InvoiceStatus, string>> = {
  [InvoiceStatus.COMPLETED]: 'completed',
  [InvoiceStatus.NEEDS_REVIEW]: 'needs_review',
  [InvoiceStatus.FAILED]: 'failed',
};

/**
 * The invoice pipeline's business metrics. Success rate = outcomes other than `failed` over
 * all outcomes: in PromQL, sum(rate(mercantil_invoices_processed_total{outcome!="failed"}[5m]))
 * / sum(rate(mercantil_invoices_processed_total[5m])); in CloudWatch, the same over the Sum statistics.
 */
@Injectable()
export class InvoiceMetrics {
  private readonly processed: CounterMetric<'outcome'>;
  private readonly lines: CounterMetric<'result'>;

  constructor(@Inject(METRICS) metrics: Metrics) {
    this.processed = metrics.counter({
      name: 'mercantil_invoices_processed_total',
      help: 'Invoices the pipeline finished, by outcome (completed, needs_review, failed)',
      labelNames: ['outcome'],
    });
    this.lines = metrics.counter({
      name: 'mercantil_invoice_lines_matched_total',
      help: 'Invoice lines by matching result: auto (matched without review) or review (sent to the review queue)',
      labelNames: ['result'],
    });
  }

  /** For changeInvoice: counts an invoice leaving PROCESSING for an outcome, once (a re-run changes nothing and is not saved). */
  readonly statusSaved = (invoice: Invoice, previous: InvoiceStatus): void => {
    const outcome = OUTCOMES[invoice.props.status];
    if (previous === InvoiceStatus.PROCESSING && outcome) this.processed.inc({ outcome });
  };

  linesMatched(auto: number, review: number): void {
    if (auto) this.lines.inc({ result: 'auto' }, auto);
    if (review) this.lines.inc({ result: 'review' }, review);
  }
}
