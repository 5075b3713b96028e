import { isDeepStrictEqual } from 'node:util';
import { ConflictError, InvalidInputError } from '../../../common/errors/application-errors';
import { InvoiceLine, LineCommission, LineMatch, lineIdOf, sameLineContent } from './invoice-line';
import { InvoiceStatus } from './invoice-status';
import type { Field, NormalizedInvoice, NormalizedInvoiceLine } from './normalized-invoice';
import { canonicalMoney, canonicalQuantity, isMoney, normalizedInvoiceProblems } from './normalized-invoice.rules';

export interface InvoiceDocument {
  bucket: string;
  key: string;
  /** Decided from the bytes (magic numbers), never from what the client declared. */
  contentType: string;
  size: number;
  sha256: string;
  originalFilename: string | null;
}

/** The normalized header: everything but the lines. */
export type InvoiceHeader = Omit<NormalizedInvoice, 'lines'>;

export interface InvoiceProps {
  invoiceId: string;
  tenantId: string;
  supplierId: string | null;
  status: InvoiceStatus;
  failureReason: string | null;
  document: InvoiceDocument;
  /** Null until the pipeline records an extraction. */
  header: InvoiceHeader | null;
  lines: InvoiceLine[];
  workflowExecutionId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export class InvoiceStateError extends ConflictError {
  constructor(invoice: InvoiceProps, action: string) {
    super(`Invoice ${invoice.invoiceId} is ${invoice.status}: cannot ${action}`);
  }
}

const { RECEIVED, PROCESSING, NEEDS_REVIEW, COMPLETED, FAILED } = InvoiceStatus;
const MAX_REASON_LENGTH = 2000;

/**
 * An invoice and its lines. Every change is idempotent: applying the same input again
 * leaves the invoice as it is (same version), which is what lets the pipeline's steps be
 * retried. Each method says whether anything changed, so callers save only then.
 */
export class Invoice {
  private constructor(private state: InvoiceProps) {}

  static receive(input: { invoiceId: string; tenantId: string; supplierId: string | null; document: InvoiceDocument; now?: Date }): Invoice {
    const now = (input.now ?? new Date()).toISOString();
    return new Invoice({
      invoiceId: input.invoiceId,
      tenantId: input.tenantId,
      supplierId: input.supplierId,
      status: RECEIVED,
      failureReason: null,
      document: input.document,
      header: null,
      lines: [],
      workflowExecutionId: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  static restore(props: InvoiceProps): Invoice {
    return new Invoice(props);
  }

  get props(): Readonly<InvoiceProps> {
    return this.state;
  }

  get id(): string {
    return this.state.invoiceId;
  }

  /** A workflow execution takes the invoice; a FAILED invoice may be taken again by a new one. */
  markProcessing(executionId: string): boolean {
    const s = this.state;
    if (s.workflowExecutionId === executionId && s.status !== RECEIVED && s.status !== FAILED) return false;
    if (![RECEIVED, PROCESSING, FAILED].includes(s.status)) throw new InvoiceStateError(s, 'start processing');
    return this.change({ status: PROCESSING, workflowExecutionId: executionId, failureReason: null });
  }

  /**
   * Stores the extracted header and lines. Lines keep their ids by position; a line whose
   * content changed loses the match and commission computed for the old content.
   */
  recordExtraction(normalized: NormalizedInvoice): boolean {
    this.require([PROCESSING], 'record an extraction');
    const problems = normalizedInvoiceProblems(normalized);
    if (problems.length) throw new InvalidInputError(`Normalized invoice is not valid: ${problems.join('; ')}`, problems);
    const { lines, ...rest } = normalized;
    const header = canonicalHeader(rest);
    const next = lines.map((raw, position): InvoiceLine => {
      const line = canonicalLine(raw);
      const previous = this.state.lines[position];
      const kept = previous && sameLineContent(previous, line);
      return { ...line, lineId: lineIdOf(this.id, position), position, match: kept ? previous.match : null, commission: kept ? previous.commission : null };
    });
    if (isDeepStrictEqual(this.state.header, header) && isDeepStrictEqual(this.state.lines, next)) return false;
    return this.change({ header, lines: next });
  }

  recordMatches(matches: ({ lineId: string } & LineMatch)[]): boolean {
    this.require([PROCESSING, NEEDS_REVIEW], 'record line matches');
    for (const m of matches) {
      if (!(m.confidence >= 0 && m.confidence <= 1)) throw new InvalidInputError(`Match confidence for line ${m.lineId} must be between 0 and 1`);
      if (m.status !== 'matched' && m.status !== 'review') throw new InvalidInputError(`Match status for line ${m.lineId} must be matched or review`);
      if (m.status === 'matched' && !m.sku) throw new InvalidInputError(`A matched line needs a sku (line ${m.lineId})`);
    }
    return this.updateLines(matches, (line, m) => ({ ...line, match: { sku: m.sku ?? null, confidence: m.confidence, status: m.status } }));
  }

  recordCommissions(commissions: ({ lineId: string } & LineCommission)[]): boolean {
    this.require([PROCESSING, NEEDS_REVIEW], 'record line commissions');
    for (const c of commissions) {
      if (typeof c.amount !== 'string' || !isMoney(c.amount)) {
        throw new InvalidInputError(`Commission for line ${c.lineId} must be a decimal with at most 4 decimals`);
      }
      if (!/^[A-Z]{3}$/.test(c.currency)) throw new InvalidInputError(`Commission currency for line ${c.lineId} must be an ISO 4217 code`);
      if (!c.ruleId) throw new InvalidInputError(`Commission for line ${c.lineId} needs the rule that produced it`);
    }
    return this.updateLines(commissions, (line, c) => ({
      ...line,
      commission: { amount: canonicalMoney(c.amount), currency: c.currency, ruleId: c.ruleId },
    }));
  }

  /** The pipeline's end: COMPLETED, or NEEDS_REVIEW until a person settles it (then COMPLETED). */
  complete(status: InvoiceStatus.COMPLETED | InvoiceStatus.NEEDS_REVIEW): boolean {
    if (status !== COMPLETED && status !== NEEDS_REVIEW) throw new InvalidInputError(`An invoice completes as COMPLETED or NEEDS_REVIEW, not ${String(status)}`);
    if (this.state.status === status) return false;
    this.require(status === COMPLETED ? [PROCESSING, NEEDS_REVIEW] : [PROCESSING], `complete as ${status}`);
    return this.change({ status });
  }

  fail(reason: string): boolean {
    const failureReason = reason.trim().slice(0, MAX_REASON_LENGTH) || 'Processing failed';
    if (this.state.status === FAILED && this.state.failureReason === failureReason) return false;
    this.require([RECEIVED, PROCESSING, FAILED], 'fail');
    return this.change({ status: FAILED, failureReason });
  }

  private updateLines<T extends { lineId: string }>(updates: T[], apply: (line: InvoiceLine, update: T) => InvoiceLine): boolean {
    const byId = new Map(this.state.lines.map((l) => [l.lineId, l]));
    const unknown = updates.filter((u) => !byId.has(u.lineId)).map((u) => u.lineId);
    if (unknown.length) throw new InvalidInputError(`Invoice ${this.id} has no line ${unknown.join(', ')}`, { lineIds: unknown });
    for (const u of updates) byId.set(u.lineId, apply(byId.get(u.lineId)!, u));
    const lines = this.state.lines.map((l) => byId.get(l.lineId)!);
    if (isDeepStrictEqual(lines, this.state.lines)) return false;
    return this.change({ lines });
  }

  private require(allowed: InvoiceStatus[], action: string): void {
    if (!allowed.includes(this.state.status)) throw new InvoiceStateError(this.state, action);
  }

  private change(patch: Partial<InvoiceProps>): true {
    this.state = { ...this.state, ...patch, updatedAt: new Date().toISOString(), version: this.state.version + 1 };
    return true;
  }
}

const mapField = <T>(f: Field<T> | null | undefined, fn: (v: T) => T): Field<T> | null =>
  f ? { value: fn(f.value), confidence: f.confidence } : null;
const same = <T>(v: T) => v;

/** Absent optional fields become null and amounts canonical text, as they read back from the store. */
function canonicalHeader(h: InvoiceHeader): InvoiceHeader {
  return {
    supplierName: mapField(h.supplierName, same),
    supplierTaxId: mapField(h.supplierTaxId, same),
    invoiceNumber: mapField(h.invoiceNumber, same),
    issueDate: mapField(h.issueDate, same),
    dueDate: mapField(h.dueDate, same),
    currency: mapField(h.currency, same),
    subtotal: mapField(h.subtotal, canonicalMoney),
    tax: mapField(h.tax, canonicalMoney),
    total: mapField(h.total, canonicalMoney),
    reviewReasons: [...h.reviewReasons],
  };
}

function canonicalLine(l: NormalizedInvoiceLine): NormalizedInvoiceLine {
  return {
    description: { value: l.description.value, confidence: l.description.confidence },
    supplierCode: mapField(l.supplierCode, same),
    quantity: mapField(l.quantity, canonicalQuantity),
    unit: mapField(l.unit, same),
    unitPrice: mapField(l.unitPrice, canonicalMoney),
    lineTotal: mapField(l.lineTotal, canonicalMoney),
  };
}
