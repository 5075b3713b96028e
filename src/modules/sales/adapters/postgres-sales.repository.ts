import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql, txSql } from '../../../infrastructure/database/run-sql';
import { columns } from '../../../infrastructure/database/unnest-columns';
import { amountText } from '../domain/metric-buckets';
import { DailyReportRow, nextDay, SupplierDailySummary } from '../domain/daily-report';
import type { Sale } from '../domain/sale';
import type { SaleRow } from '../domain/sale-lake-rows';
import { SalesRepository, SupplierDayTotals } from '../domain/sales-repository.port';

/** A `sales` row as node-postgres returns it: the lake row's columns, with the timestamp as a Date. */
type SaleDbRow = Omit<SaleRow, 'occurred_at'> & { occurred_at: Date | string };

interface SummaryDbRow {
  supplier_id: string;
  report_date: string;
  currency: string;
  revenue: string;
  units: string;
  orders: number | string;
  average_order_value: string;
  commission: string;
  sales: number | string;
  products: number | string;
  report_key: string;
}

const SALE_COLUMNS = `tenant_id, sale_id, source, source_id, line_number, supplier_id, sku, product_name, category, customer_id, quantity, unit_price, amount, commission, currency, occurred_at`;
const SUMMARY_COLUMNS = `supplier_id, report_date, currency, revenue, units, orders, average_order_value, commission, sales, products, report_key`;
/** As text, so no driver turns the calendar date into a local-midnight Date. */
const SUMMARY_SELECT = SUMMARY_COLUMNS.replace('report_date', 'report_date::text AS report_date');
/** Orders and invoices are counted apart: their ids live in different spaces. */
const DISTINCT_ORDERS = `count(DISTINCT source || ':' || source_id)`;

@Injectable()
export class PostgresSalesRepository implements SalesRepository {
  constructor(private readonly db: DataSource) {}

  async record(sales: readonly Sale[]): Promise<Sale[]> {
    if (sales.length === 0) return [];
    const { rows } = await runSql<{ tenant_id: string; sale_id: string; occurred_at: Date | string }>(
      this.db,
      `INSERT INTO sales (${SALE_COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                            $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::text[], $16::timestamptz[])
       ON CONFLICT (tenant_id, sale_id) DO UPDATE SET supplier_id = EXCLUDED.supplier_id, sku = EXCLUDED.sku, product_name = EXCLUDED.product_name,
         category = EXCLUDED.category, customer_id = EXCLUDED.customer_id, quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price,
         amount = EXCLUDED.amount, commission = EXCLUDED.commission, currency = EXCLUDED.currency, updated_at = now()
       RETURNING tenant_id, sale_id, occurred_at`,
      columns(sales, [
        (s) => s.tenantId,
        (s) => s.saleId,
        (s) => s.source,
        (s) => s.sourceId,
        (s) => s.lineNumber,
        (s) => s.supplierId,
        (s) => s.sku,
        (s) => s.productName,
        (s) => s.category,
        (s) => s.customerId,
        (s) => s.quantity,
        (s) => s.unitPrice,
        (s) => s.amount,
        (s) => s.commission,
        (s) => s.currency,
        (s) => s.occurredAt,
      ]),
    );
    // Only the kept time can differ from what was sent: reading back just it keeps the statement lean.
    const firstTimes = new Map(rows.map((r) => [`${r.tenant_id}\u0000${r.sale_id}`, new Date(r.occurred_at).toISOString()]));
    return sales.map((sale) => ({ ...sale, occurredAt: firstTimes.get(`${sale.tenantId}\u0000${sale.saleId}`) ?? sale.occurredAt }));
  }

  async tenantsWithSales(day: string, tenantId?: string): Promise<string[]> {
    const { rows } = await runSql<{ tenant_id: string }>(
      this.db,
      `SELECT DISTINCT tenant_id FROM sales WHERE occurred_at >= $1 AND occurred_at < $2 AND ($3::text IS NULL OR tenant_id = $3) ORDER BY tenant_id`,
      [day, nextDay(day), tenantId ?? null],
    );
    return rows.map((r) => r.tenant_id);
  }

  async salesOn(tenantId: string, day: string): Promise<Sale[]> {
    const { rows } = await runSql<SaleDbRow>(
      this.db,
      `SELECT ${SALE_COLUMNS} FROM sales WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY sale_id`,
      [tenantId, day, nextDay(day)],
    );
    return rows.map(saleOf);
  }

  async dayTotals(tenantId: string, day: string): Promise<{ suppliers: SupplierDayTotals[]; products: DailyReportRow[] }> {
    const params = [tenantId, day, nextDay(day)];
    const ofDay = `FROM sales WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3`;
    const [suppliers, products] = await Promise.all([
      runSql<Record<string, string>>(
        this.db,
        `SELECT supplier_id, currency, sum(amount) AS revenue, sum(quantity) AS units, ${DISTINCT_ORDERS} AS orders, sum(commission) AS commission,
                count(*) AS sales, count(DISTINCT sku) AS products
         ${ofDay} GROUP BY supplier_id, currency ORDER BY supplier_id, currency`,
        params,
      ),
      runSql<Record<string, string | null>>(
        this.db,
        `SELECT supplier_id, currency, sku, min(product_name) AS product_name, min(category) AS category, sum(amount) AS revenue, sum(quantity) AS units,
                ${DISTINCT_ORDERS} AS orders, sum(commission) AS commission, count(*) AS sales
         ${ofDay} GROUP BY supplier_id, currency, sku ORDER BY supplier_id, currency, sku NULLS LAST`,
        params,
      ),
    ]);
    return {
      suppliers: suppliers.rows.map((r) => ({
        supplierId: r.supplier_id,
        date: day,
        currency: r.currency,
        revenue: amountText(r.revenue),
        units: amountText(r.units),
        orders: Number(r.orders),
        commission: amountText(r.commission),
        sales: Number(r.sales),
        products: Number(r.products),
      })),
      products: products.rows.map((r) => ({
        tenant_id: tenantId,
        report_date: day,
        supplier_id: r.supplier_id!,
        sku: r.sku,
        product_name: r.product_name!,
        category: r.category,
        currency: r.currency!,
        revenue: amountText(r.revenue!),
        units: amountText(r.units!),
        orders: Number(r.orders),
        commission: amountText(r.commission!),
        sales: Number(r.sales),
      })),
    };
  }

  async replaceSummaries(tenantId: string, day: string, summaries: readonly SupplierDailySummary[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await txSql(tx, `DELETE FROM sales_daily_summaries WHERE tenant_id = $1 AND report_date = $2`, [tenantId, day]);
      if (summaries.length === 0) return;
      await txSql(
        tx,
        `INSERT INTO sales_daily_summaries (tenant_id, ${SUMMARY_COLUMNS})
         SELECT $1, * FROM unnest($2::text[], $3::date[], $4::text[], $5::numeric[], $6::numeric[], $7::int[], $8::numeric[], $9::numeric[], $10::int[], $11::int[], $12::text[])`,
        [
          tenantId,
          ...columns(summaries, [
            (s) => s.supplierId,
            (s) => s.date,
            (s) => s.currency,
            (s) => s.revenue,
            (s) => s.units,
            (s) => s.orders,
            (s) => s.averageOrderValue,
            (s) => s.commission,
            (s) => s.sales,
            (s) => s.products,
            (s) => s.reportKey,
          ]),
        ],
      );
    });
  }

  async supplierSummaries(tenantId: string, supplierId: string, from: string, to: string): Promise<SupplierDailySummary[]> {
    const { rows } = await runSql<SummaryDbRow>(
      this.db,
      `SELECT ${SUMMARY_SELECT} FROM sales_daily_summaries
        WHERE tenant_id = $1 AND supplier_id = $2 AND report_date BETWEEN $3 AND $4 ORDER BY report_date, currency`,
      [tenantId, supplierId, from, to],
    );
    return rows.map(summaryOf);
  }

  async daySummaries(tenantId: string, day: string): Promise<SupplierDailySummary[]> {
    const { rows } = await runSql<SummaryDbRow>(
      this.db,
      `SELECT ${SUMMARY_SELECT} FROM sales_daily_summaries WHERE tenant_id = $1 AND report_date = $2 ORDER BY supplier_id, currency`,
      [tenantId, day],
    );
    return rows.map(summaryOf);
  }
}

function saleOf(r: SaleDbRow): Sale {
  return {
    tenantId: r.tenant_id,
    saleId: r.sale_id,
    source: r.source,
    sourceId: r.source_id,
    lineNumber: Number(r.line_number),
    supplierId: r.supplier_id,
    sku: r.sku,
    productName: r.product_name,
    category: r.category,
    customerId: r.customer_id,
    quantity: amountText(r.quantity),
    unitPrice: amountText(r.unit_price),
    amount: amountText(r.amount),
    commission: amountText(r.commission),
    currency: r.currency,
    occurredAt: new Date(r.occurred_at).toISOString(),
  };
}

function summaryOf(r: SummaryDbRow): SupplierDailySummary {
  return {
    supplierId: r.supplier_id,
    date: r.report_date,
    currency: r.currency,
    revenue: amountText(r.revenue),
    units: amountText(r.units),
    orders: Number(r.orders),
    averageOrderValue: amountText(r.average_order_value),
    commission: amountText(r.commission),
    sales: Number(r.sales),
    products: Number(r.products),
    reportKey: r.report_key,
  };
}

