import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { runSql } from '../../../infrastructure/database/run-sql';
import type { ScoredCandidate } from '../domain/match-scorer';
import { NewReviewItem, ReviewItem, ReviewRepository } from '../domain/review-item';

interface ReviewRow {
  tenant_id: string;
  line_id: string;
  invoice_id: string;
  supplier_id: string | null;
  description: string;
  confidence: number;
  candidates: ScoredCandidate[];
  status: ReviewItem['status'];
  resolved_sku: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

const COLUMNS = 'tenant_id, line_id, invoice_id, supplier_id, description, confidence, candidates, status, resolved_sku, created_at, resolved_at';

type Position = [createdAt: string, lineId: string];
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string';

export class PostgresReviewRepository implements ReviewRepository {
  constructor(private readonly db: DataSource) {}

  async enqueue(items: NewReviewItem[]): Promise<void> {
    if (items.length === 0) return;
    const column = <K extends keyof NewReviewItem>(k: K) => items.map((i) => i[k]);
    await runSql(
      this.db,
      `INSERT INTO match_review_items (tenant_id, line_id, invoice_id, supplier_id, description, confidence, candidates)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::jsonb[])
       ON CONFLICT (tenant_id, line_id) DO UPDATE SET
         invoice_id = EXCLUDED.invoice_id, supplier_id = EXCLUDED.supplier_id, description = EXCLUDED.description,
         confidence = EXCLUDED.confidence, candidates = EXCLUDED.candidates
       WHERE match_review_items.status = 'pending'`,
      [
        column('tenantId'), column('lineId'), column('invoiceId'), column('supplierId'), column('description'),
        column('confidence'), items.map((i) => JSON.stringify(i.candidates)),
      ],
    );
  }

  async get(tenantId: string, lineId: string): Promise<ReviewItem | null> {
    const { rows } = await runSql<ReviewRow>(
      this.db,
      `SELECT ${COLUMNS} FROM match_review_items WHERE tenant_id = $1 AND line_id = $2`,
      [tenantId, lineId],
    );
    return rows.length ? toItem(rows[0]) : null;
  }

  async listPending(tenantId: string, limit: number, cursor?: string): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
    const params: unknown[] = [tenantId, limit + 1];
    let after = '';
    if (cursor) {
      params.push(...decodeCursor(cursor, isPosition));
      after = `AND (created_at, line_id) > ($3::timestamptz, $4)`;
    }
    const { rows } = await runSql<ReviewRow>(
      this.db,
      `SELECT ${COLUMNS} FROM match_review_items WHERE tenant_id = $1 AND status = 'pending' ${after}
       ORDER BY created_at, line_id LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit).map(toItem);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.lineId] satisfies Position) : null };
  }

  async resolve(tenantId: string, lineId: string, sku: string): Promise<ReviewItem> {
    const { rows } = await runSql<ReviewRow>(
      this.db,
      `UPDATE match_review_items SET status = 'resolved', resolved_sku = $3, resolved_at = now()
       WHERE tenant_id = $1 AND line_id = $2 RETURNING ${COLUMNS}`,
      [tenantId, lineId, sku],
    );
    if (!rows.length) throw new Error(`Review item ${lineId} of tenant ${tenantId} vanished while being resolved`);
    return toItem(rows[0]);
  }
}

function toItem(r: ReviewRow): ReviewItem {
  return {
    tenantId: r.tenant_id,
    lineId: r.line_id,
    invoiceId: r.invoice_id,
    supplierId: r.supplier_id,
    description: r.description,
    confidence: Number(r.confidence),
    candidates: r.candidates,
    status: r.status,
    resolvedSku: r.resolved_sku,
    createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
  };
}
