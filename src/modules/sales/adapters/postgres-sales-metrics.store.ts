import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql, txSql } from '../../../infrastructure/database/run-sql';
import { columns } from '../../../infrastructure/database/unnest-columns';
import { BUCKET_RETENTION_SECONDS, bucketDeltas, effectiveChanges, Granularity, GRANULARITIES, MetricBucket, SaleChange } from '../domain/metric-buckets';
import type { MetricsRange } from '../domain/realtime-metrics';
import type { SaleContribution } from '../domain/sale-contribution';
import { SalesMetricsStore } from '../domain/sales-metrics-store.port';

interface MarkRow {
  tenant_id: string;
  sale_id: string;
  supplier_id: string;
  product_key: string;
  currency: string;
  occurred_at: Date | string;
  revenue: string;
  units: string;
  commission: string;
  supplier_orders: number;
  product_orders: number;
}

interface BucketRow {
  supplier_id: string;
  product_key: string;
  currency: string;
  granularity: Granularity;
  bucket_start: Date | string;
  revenue: string;
  units: string;
  orders: string | number;
  commission: string;
}

/**
 * One transaction per batch: lock the batch's sales, read what was counted for them
 * (sales_metric_marks), then write the marks and add the deltas to the buckets with
 * `ON CONFLICT … DO UPDATE SET revenue = revenue + EXCLUDED.revenue`. Every statement
 * carries the whole batch as arrays, so its cost hardly depends on the batch size.
 */
@Injectable()
export class PostgresSalesMetricsStore implements SalesMetricsStore {
  constructor(private readonly db: DataSource) {}

  async apply(contributions: readonly SaleContribution[]): Promise<number> {
    if (contributions.length === 0) return 0;
    const latest = [...new Map(contributions.map((c) => [`${c.tenantId}\u0000${c.saleId}`, c])).values()];
    return this.db.transaction(async (tx) => {
      const tenants = latest.map((c) => c.tenantId);
      const saleIds = latest.map((c) => c.saleId);
      // A redelivery racing the first delivery of the same sales waits here, then finds their marks. One lock per
      // order or invoice (the sale id less its line) is enough: a document's lines are always recorded together.
      await txSql(tx, `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT unnest($1::text[]) AS k ORDER BY 1) locks`, [
        [...new Set(latest.map((c) => `sales-metrics:${c.tenantId}:${c.saleId.replace(/:[^:]*$/, '')}`))],
      ]);
      const { rows } = await txSql<MarkRow>(
        tx,
        `SELECT m.* FROM sales_metric_marks m JOIN unnest($1::text[], $2::text[]) AS b(tenant_id, sale_id) USING (tenant_id, sale_id)`,
        [tenants, saleIds],
      );
      const counted = new Map(rows.map((r) => [`${r.tenant_id}\u0000${r.sale_id}`, contributionOf(r)]));
      const changes: SaleChange[] = latest.map((next) => ({ previous: counted.get(`${next.tenantId}\u0000${next.saleId}`) ?? null, next }));
      const changed = effectiveChanges(changes).map((c) => c.next);
      if (changed.length === 0) return 0;
      const deltas = bucketDeltas(changes);
      await txSql(
        tx,
        `INSERT INTO sales_metric_marks (tenant_id, sale_id, supplier_id, product_key, currency, occurred_at, revenue, units, commission, supplier_orders, product_orders)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::numeric[], $8::numeric[], $9::numeric[], $10::smallint[], $11::smallint[])
         ON CONFLICT (tenant_id, sale_id) DO UPDATE SET supplier_id = EXCLUDED.supplier_id, product_key = EXCLUDED.product_key, currency = EXCLUDED.currency,
           occurred_at = EXCLUDED.occurred_at, revenue = EXCLUDED.revenue, units = EXCLUDED.units, commission = EXCLUDED.commission,
           supplier_orders = EXCLUDED.supplier_orders, product_orders = EXCLUDED.product_orders`,
        columns(changed, [
          (c) => c.tenantId,
          (c) => c.saleId,
          (c) => c.supplierId,
          (c) => c.productKey,
          (c) => c.currency,
          (c) => c.occurredAt,
          (c) => c.revenue,
          (c) => c.units,
          (c) => c.commission,
          (c) => c.supplierOrders,
          (c) => c.productOrders,
        ]),
      );
      if (deltas.length === 0) return changed.length;
      await txSql(
        tx,
        `INSERT INTO sales_metric_buckets AS b (tenant_id, supplier_id, granularity, bucket_start, currency, product_key, revenue, units, orders, commission)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::bigint[], $10::numeric[])
         ON CONFLICT (tenant_id, supplier_id, granularity, bucket_start, currency, product_key) DO UPDATE SET
           revenue = b.revenue + EXCLUDED.revenue, units = b.units + EXCLUDED.units,
           orders = b.orders + EXCLUDED.orders, commission = b.commission + EXCLUDED.commission`,
        columns(deltas, [
          (d) => d.tenantId,
          (d) => d.supplierId,
          (d) => d.granularity,
          (d) => d.bucketStart,
          (d) => d.currency,
          (d) => d.productKey,
          (d) => d.revenue,
          (d) => d.units,
          (d) => d.orders,
          (d) => d.commission,
        ]),
      );
      return changed.length;
    });
  }

  async expire(now: Date): Promise<number> {
    const { rows } = await runSql<{ dropped: string }>(
      this.db,
      `WITH dropped AS (
         DELETE FROM sales_metric_buckets b USING unnest($1::text[], $2::float8[]) AS r(granularity, retention_seconds)
         WHERE b.granularity = r.granularity AND b.bucket_start < $3::timestamptz - r.retention_seconds * interval '1 second'
         RETURNING 1
       )
       SELECT count(*) AS dropped FROM dropped`,
      [GRANULARITIES, GRANULARITIES.map((g) => BUCKET_RETENTION_SECONDS[g]), now.toISOString()],
    );
    return Number(rows[0].dropped);
  }

  async readBuckets(tenantId: string, supplierId: string, range: MetricsRange): Promise<MetricBucket[]> {
    const { rows } = await runSql<BucketRow>(
      this.db,
      `SELECT supplier_id, product_key, currency, granularity, bucket_start, revenue, units, orders, commission
         FROM sales_metric_buckets
        WHERE tenant_id = $1 AND supplier_id = $2
          AND ((granularity = 'day' AND bucket_start = $3) OR (granularity = 'hour' AND bucket_start = $4)
            OR (granularity = 'minute' AND bucket_start BETWEEN $5 AND $6))`,
      [tenantId, supplierId, range.day, range.hour, range.minuteFrom, range.minuteTo],
    );
    return rows.map((r) => ({
      supplierId: r.supplier_id,
      productKey: r.product_key,
      currency: r.currency,
      granularity: r.granularity,
      bucketStart: new Date(r.bucket_start).toISOString(),
      revenue: r.revenue,
      units: r.units,
      orders: Number(r.orders),
      commission: r.commission,
    }));
  }
}

function contributionOf(r: MarkRow): SaleContribution {
  return {
    tenantId: r.tenant_id,
    saleId: r.sale_id,
    supplierId: r.supplier_id,
    productKey: r.product_key,
    currency: r.currency,
    occurredAt: new Date(r.occurred_at).toISOString(),
    revenue: r.revenue,
    units: r.units,
    commission: r.commission,
    supplierOrders: Number(r.supplier_orders) as 0 | 1,
    productOrders: Number(r.product_orders) as 0 | 1,
  };
}

