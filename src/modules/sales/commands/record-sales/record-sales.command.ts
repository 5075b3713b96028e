import { Command } from '@nestjs/cqrs';
import type { Sale } from '../../domain/sale';

/** A sale to record; its id follows from source, sourceId and lineNumber. */
export type SaleInput = Omit<Sale, 'saleId'>;

export interface RecordSalesResult {
  /** The sale ids, in input order. */
  saleIds: string[];
  /** Sales whose counting in the real-time metrics changed (new or corrected). */
  counted: number;
}

/**
 * Records sales exactly once per sale id (`order:<orderId>:<line>`, `invoice:<invoiceId>:<line>`)
 * and counts them in the real-time metrics. Safe to repeat. Every line of one order or
 * invoice must come in the same command, since one of them carries the order's count.
 * Recording a sale again with other figures (an invoice re-published after a review)
 * corrects it: the ledger keeps the new figures and the sale's first time, and the metrics
 * get the difference, so they stay exact.
 */
export class RecordSalesCommand extends Command<RecordSalesResult> {
  constructor(readonly sales: readonly SaleInput[]) {
    super();
  }
}
