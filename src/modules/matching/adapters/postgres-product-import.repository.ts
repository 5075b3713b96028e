import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import { ProductImport, ProductImportRepository, ProductImportStatus, RowError } from '../domain/product-import';

interface ImportRow {
  import_id: string;
  tenant_id: string;
  status: ProductImportStatus;
  total: number;
  processed: number;
  failed: number;
  errors: RowError[];
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PostgresProductImportRepository implements ProductImportRepository {
  constructor(private readonly db: DataSource) {}

  async create(job: Pick<ProductImport, 'importId' | 'tenantId' | 'total'>): Promise<void> {
    await runSql(this.db, `INSERT INTO product_imports (import_id, tenant_id, status, total) VALUES ($1, $2, 'running', $3)`, [
      job.importId, job.tenantId, job.total,
    ]);
  }

  async progress(importId: string, processed: number, errors: RowError[]): Promise<void> {
    await runSql(
      this.db,
      `UPDATE product_imports SET processed = processed + $2, failed = failed + $3, errors = errors || $4::jsonb, updated_at = now()
       WHERE import_id = $1`,
      [importId, processed, errors.length, JSON.stringify(errors)],
    );
  }

  async finish(importId: string, status: Exclude<ProductImportStatus, 'running'>, errors: RowError[] = []): Promise<void> {
    await runSql(
      this.db,
      `UPDATE product_imports SET status = $2, failed = failed + $3, errors = errors || $4::jsonb, updated_at = now() WHERE import_id = $1`,
      [importId, status, errors.length, JSON.stringify(errors)],
    );
  }

  async get(tenantId: string, importId: string): Promise<ProductImport | null> {
    if (!UUID.test(importId)) return null;
    const { rows } = await runSql<ImportRow>(
      this.db,
      `SELECT import_id, tenant_id, status, total, processed, failed, errors, created_at, updated_at
       FROM product_imports WHERE import_id = $1 AND tenant_id = $2`,
      [importId, tenantId],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      importId: r.import_id,
      tenantId: r.tenant_id,
      status: r.status,
      total: r.total,
      processed: r.processed,
      failed: r.failed,
      errors: r.errors,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }
}
