import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { runSql, txSql } from '../../../infrastructure/database/run-sql';
import { Agreement, AgreementProps, AgreementStatus } from '../domain/agreement';
import { AgreementListQuery, AgreementPage, AgreementRepository } from '../domain/agreement-repository.port';
import { StaleAgreementError } from '../domain/commission-errors';
import type { CommissionRule, RuleKind, Tier } from '../domain/commission-rule';
import { moneyText, plainDecimal } from '../domain/exact-decimal';
import { lockFor } from '../../../infrastructure/database/transaction-sql';

interface AgreementRow {
  agreement_id: string;
  tenant_id: string;
  supplier_id: string;
  currency: string;
  valid_from: string;
  valid_to: string | null;
  status: AgreementStatus;
  created_at: Date;
  updated_at: Date;
  version: number;
  rules: RuleRow[];
}

/** Numerics are selected as text: a JSON number would pass through a float. */
interface RuleRow {
  ruleId: string;
  kind: RuleKind;
  sku: string | null;
  category: string | null;
  rate: string | null;
  amountPerUnit: string | null;
  tiers: Tier[] | null;
}

// Dates as text: node-postgres would turn a `date` into local midnight.
const SELECT_AGREEMENTS = `
  SELECT a.agreement_id, a.tenant_id, a.supplier_id, a.currency, to_char(a.valid_from, 'YYYY-MM-DD') AS valid_from,
    to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to, a.status, a.created_at, a.updated_at, a.version,
    COALESCE((SELECT json_agg(json_build_object('ruleId', r.rule_id, 'kind', r.kind, 'sku', r.sku, 'category', r.category,
        'rate', r.rate::text, 'amountPerUnit', r.amount_per_unit::text, 'tiers', r.tiers) ORDER BY r.position)
      FROM commission_rules r WHERE r.agreement_id = a.agreement_id), '[]'::json) AS rules
  FROM commission_agreements a`;

const INSERT_RULES = `
  INSERT INTO commission_rules (agreement_id, position, rule_id, kind, sku, category, rate, amount_per_unit, tiers)
  SELECT $1, r.position, r.rule_id, r.kind, r.sku, r.category, r.rate, r.amount_per_unit, r.tiers
  FROM jsonb_to_recordset($2::jsonb) AS r(position integer, rule_id uuid, kind text, sku text, category text,
    rate numeric, amount_per_unit numeric, tiers jsonb)`;

type Position = [createdAt: string, agreementId: string];
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && UUID.test(String(v[1]));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PostgresAgreementRepository implements AgreementRepository {
  constructor(private readonly db: DataSource) {}

  async save(agreement: Agreement, check: (supplierAgreements: Agreement[]) => void): Promise<void> {
    const p = agreement.props;
    await this.db.transaction(async (tx) => {
      await lockFor(tx, `commission-agreements:${p.tenantId}:${p.supplierId}`);
      check(await this.select(tx, 'a.tenant_id = $1 AND a.supplier_id = $2', [p.tenantId, p.supplierId]));
      if (p.version === 1) {
        await txSql(
          tx,
          `INSERT INTO commission_agreements (agreement_id, tenant_id, supplier_id, currency, valid_from, valid_to, status,
             created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [p.agreementId, p.tenantId, p.supplierId, p.currency, p.validFrom, p.validTo, p.status, p.createdAt, p.updatedAt, p.version],
        );
      } else {
        const { rowCount } = await txSql(
          tx,
          `UPDATE commission_agreements SET currency = $3, valid_from = $4, valid_to = $5, status = $6, updated_at = $7, version = $8
           WHERE agreement_id = $1 AND tenant_id = $2 AND version = $9`,
          [p.agreementId, p.tenantId, p.currency, p.validFrom, p.validTo, p.status, p.updatedAt, p.version, p.version - 1],
        );
        if (rowCount !== 1) throw new StaleAgreementError(p.agreementId);
        await txSql(tx, 'DELETE FROM commission_rules WHERE agreement_id = $1', [p.agreementId]);
      }
      if (p.rules.length > 0) await txSql(tx, INSERT_RULES, [p.agreementId, JSON.stringify(p.rules.map(toRuleRecord))]);
    });
  }

  async findById(tenantId: string, agreementId: string): Promise<Agreement | null> {
    if (!UUID.test(agreementId)) return null;
    const [found] = await this.select(null, 'a.tenant_id = $1 AND a.agreement_id = $2', [tenantId, agreementId]);
    return found ?? null;
  }

  findBySupplier(tenantId: string, supplierId: string): Promise<Agreement[]> {
    return this.select(null, 'a.tenant_id = $1 AND a.supplier_id = $2 ORDER BY a.valid_from', [tenantId, supplierId]);
  }

  async list(tenantId: string, query: AgreementListQuery): Promise<AgreementPage> {
    const where = ['a.tenant_id = $1'];
    const params: unknown[] = [tenantId];
    if (query.supplierId) {
      params.push(query.supplierId);
      where.push(`a.supplier_id = $${params.length}`);
    }
    if (query.cursor) {
      const [createdAt, agreementId] = decodeCursor(query.cursor, isPosition);
      params.push(createdAt, agreementId);
      where.push(`(a.created_at, a.agreement_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows = await this.select(null, `${where.join(' AND ')} ORDER BY a.created_at DESC, a.agreement_id DESC LIMIT $${params.length}`, params);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.props.createdAt, last.id]) : null };
  }

  private async select(tx: EntityManager | null, where: string, params: unknown[]): Promise<Agreement[]> {
    const sql = `${SELECT_AGREEMENTS} WHERE ${where}`;
    const { rows } = tx ? await txSql<AgreementRow>(tx, sql, params) : await runSql<AgreementRow>(this.db, sql, params);
    return rows.map(toAgreement);
  }
}

function toRuleRecord(rule: CommissionRule, position: number) {
  return {
    position,
    rule_id: rule.ruleId,
    kind: rule.kind,
    sku: rule.sku,
    category: rule.category,
    rate: rule.kind === 'percentage' ? rule.rate : null,
    amount_per_unit: rule.kind === 'fixed-per-unit' ? rule.amountPerUnit : null,
    tiers: rule.kind === 'tiered-percentage' ? rule.tiers : null,
  };
}

function toRule(r: RuleRow): CommissionRule {
  const scope = { ruleId: r.ruleId, sku: r.sku, category: r.category };
  switch (r.kind) {
    case 'percentage':
      return { ...scope, kind: r.kind, rate: plainDecimal(r.rate!) };
    case 'fixed-per-unit':
      return { ...scope, kind: r.kind, amountPerUnit: moneyText(r.amountPerUnit!) };
    case 'tiered-percentage':
      return { ...scope, kind: r.kind, tiers: r.tiers! };
  }
}

function toAgreement(r: AgreementRow): Agreement {
  const props: AgreementProps = {
    agreementId: r.agreement_id,
    tenantId: r.tenant_id,
    supplierId: r.supplier_id,
    currency: r.currency,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    rules: r.rules.map(toRule),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
  return Agreement.restore(props);
}
