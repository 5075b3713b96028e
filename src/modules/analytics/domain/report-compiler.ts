import { InvalidInputError } from '../../../common/errors/application-errors';
import type { AnalyticsParam, AnalyticsQuery } from './analytics-engine.port';
import { DATE_BUCKETS, DATE_FIELD, REPORT_DATASET_DEFINITIONS, ReportDataset, ReportField } from './report-datasets';
import { CALENDAR_DAY, DEFAULT_REPORT_LIMIT, FilterValue, MAX_REPORT_LIMIT, ReportFilter, ReportMetric, ReportRequest } from './report-request';

/** An average computed exactly after the query, from the hidden sum and count columns. */
export interface ExactAverage {
  alias: string;
  sum: string;
  count: string;
}

export interface CompiledReport {
  query: AnalyticsQuery;
  /** The rows asked for; the query fetches one more to tell whether the result was cut. */
  limit: number;
  /** Result columns in order; the query may return hidden helper columns besides. */
  columns: string[];
  averages: ExactAverage[];
}

const ALIAS = /^[a-z][a-z0-9_]{0,62}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const MAX_TEXT = 200;
const MAX_LIST = 100;
const COMPARISONS = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Compiles a typed report request to one parameterised query. Identifiers come only from the
 * dataset's whitelist (REPORT_DATASET_DEFINITIONS) and aliases matching ALIAS; every value the
 * client sent is a bound parameter; the tenant is the caller's (from the token, never the body)
 * and is always both a partition filter and a `tenant_id` filter.
 */
export function compileReport(tenantId: string, request: ReportRequest): CompiledReport {
  const dataset = REPORT_DATASET_DEFINITIONS[request.dataset as keyof typeof REPORT_DATASET_DEFINITIONS];
  if (!Object.hasOwn(REPORT_DATASET_DEFINITIONS, request.dataset) || !dataset) invalid(`Unknown dataset ${JSON.stringify(request.dataset)}`);
  const params: AnalyticsParam[] = [];
  const bind = (value: AnalyticsParam) => {
    params.push(value);
    return '?';
  };

  const select: string[] = [];
  const aliases: string[] = [];
  const addColumn = (sql: string, alias: string) => {
    if (aliases.includes(alias)) invalid(`Two result columns are named ${alias}`);
    aliases.push(alias);
    select.push(`${sql} AS "${alias}"`);
  };
  for (const dimension of request.dimensions ?? []) {
    if (dimension.field === DATE_FIELD) {
      addColumn(DATE_BUCKETS[dimension.granularity ?? 'day'], DATE_FIELD);
      continue;
    }
    if (dimension.granularity !== undefined) invalid(`Only the date dimension has a granularity, not ${dimension.field}`);
    addColumn(field(dataset, dimension.field, 'attribute').sql, dimension.field);
  }
  const dimensionCount = select.length;
  if (request.metrics.length === 0) invalid('At least one metric is required');
  const averages: ExactAverage[] = [];
  for (const metric of request.metrics) {
    const alias = metricAlias(metric);
    addColumn(aggregate(dataset, metric), alias);
    if (metric.fn === 'avg') averages.push({ alias, sum: `__${alias}_sum`, count: `__${alias}_count` });
  }
  const columns = [...aliases];
  // Helper columns join the select list after the alias checks, so no client alias can clash with them.
  for (const average of averages) {
    const expression = field(dataset, request.metrics.find((m) => metricAlias(m) === average.alias)!.field, 'measure').sql;
    select.push(`SUM(${expression}) AS "${average.sum}"`, `COUNT(${expression}) AS "${average.count}"`);
  }

  const [from, to] = dateRange(request.from, request.to);
  const where = [
    `tenant = ${bind(tenantId)}`,
    `tenant_id = ${bind(tenantId)}`,
    // Partition pruning on the string keys, then the exact instant range where rows have one.
    `year BETWEEN ${bind(from.slice(0, 4))} AND ${bind(to.slice(0, 4))}`,
    `year || '-' || month || '-' || day BETWEEN ${bind(from)} AND ${bind(to)}`,
  ];
  if (dataset.timestamp) {
    where.push(`${dataset.timestamp} >= CAST(${bind(`${from} 00:00:00.000`)} AS TIMESTAMP)`);
    where.push(`${dataset.timestamp} < CAST(${bind(`${nextDay(to)} 00:00:00.000`)} AS TIMESTAMP)`);
  }
  for (const filter of request.filters ?? []) where.push(condition(dataset, filter, bind));

  const order = (request.sort ?? []).map((sort) => {
    if (!aliases.includes(sort.by)) invalid(`Cannot sort by ${JSON.stringify(sort.by)}: not a dimension or metric of this report`);
    return `"${sort.by}" ${sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  // Dimensions break ties, so a limited report is the same rows on every engine and every run.
  const sorted = new Set((request.sort ?? []).map((sort) => sort.by));
  order.push(...aliases.slice(0, dimensionCount).filter((alias) => !sorted.has(alias)).map((alias) => `"${alias}" ASC NULLS LAST`));

  const limit = request.limit ?? DEFAULT_REPORT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPORT_LIMIT) invalid(`limit must be an integer from 1 to ${MAX_REPORT_LIMIT}`);
  const sql = [
    `SELECT ${select.join(', ')}`,
    `FROM ${dataset.table}`,
    `WHERE ${where.join(' AND ')}`,
    ...(dimensionCount > 0 ? [`GROUP BY ${Array.from({ length: dimensionCount }, (_, i) => i + 1).join(', ')}`] : []),
    ...(order.length > 0 ? [`ORDER BY ${order.join(', ')}`] : []),
    // A validated integer, not client text: LIMIT takes no parameter on every engine.
    `LIMIT ${limit + 1}`,
  ].join('\n');
  return { query: { sql, params, tables: [dataset.table] }, limit, columns, averages };
}

export function metricAlias(metric: ReportMetric): string {
  const alias = metric.as ?? (metric.field ? `${metric.fn}_${metric.field}` : metric.fn);
  if (!ALIAS.test(alias)) invalid(`Invalid metric alias ${JSON.stringify(alias)}: lowercase letters, digits and _ , starting with a letter`);
  return alias;
}

function aggregate(dataset: ReportDataset, metric: ReportMetric): string {
  switch (metric.fn) {
    case 'count':
      return metric.field === undefined ? 'COUNT(*)' : `COUNT(${field(dataset, metric.field).sql})`;
    case 'count_distinct':
      return `COUNT(DISTINCT ${field(dataset, metric.field).sql})`;
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return `${metric.fn.toUpperCase()}(${field(dataset, metric.field, 'measure').sql})`;
    default:
      return invalid(`Unknown metric function ${JSON.stringify((metric as ReportMetric).fn)}`);
  }
}

function field(dataset: ReportDataset, name: string | undefined, kind?: ReportField['kind']): ReportField {
  const found = name === undefined ? undefined : dataset.fields.get(name);
  if (!found) invalid(`Unknown field ${JSON.stringify(name)}; this dataset has ${[...dataset.fields.keys()].join(', ')}`);
  if (kind && found.kind !== kind) invalid(`${name} is not a ${kind}`);
  return found;
}

function condition(dataset: ReportDataset, filter: ReportFilter, bind: (value: AnalyticsParam) => string): string {
  const target = field(dataset, filter.field);
  const value = (v: FilterValue | undefined) => filterValue(target, filter.field, v, bind);
  const list = (min: number, max: number) => {
    const values = filter.values ?? [];
    if (values.length < min || values.length > max) invalid(`${filter.op} on ${filter.field} takes ${min === max ? min : `${min} to ${max}`} values`);
    return values.map(value);
  };
  switch (filter.op) {
    case 'eq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${target.sql} ${COMPARISONS[filter.op]} ${value(filter.value)}`;
    case 'ne':
      return `${target.sql} IS DISTINCT FROM ${value(filter.value)}`;
    case 'in':
      return `${target.sql} IN (${list(1, MAX_LIST).join(', ')})`;
    case 'nin':
      return `(${target.sql} IS NULL OR ${target.sql} NOT IN (${list(1, MAX_LIST).join(', ')}))`;
    case 'between': {
      const [low, high] = list(2, 2);
      return `${target.sql} BETWEEN ${low} AND ${high}`;
    }
    default:
      return invalid(`Unknown filter operator ${JSON.stringify((filter as ReportFilter).op)}`);
  }
}

function filterValue(target: ReportField, name: string, value: FilterValue | undefined, bind: (value: AnalyticsParam) => string): string {
  if (target.kind === 'measure') {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL.test(text)) invalid(`${name} filters take decimal numbers (at most 4 decimals), not ${JSON.stringify(value)}`);
    return `CAST(${bind(text)} AS DECIMAL(19,4))`;
  }
  if (typeof value !== 'string' || value.length > MAX_TEXT) invalid(`${name} filters take strings of at most ${MAX_TEXT} characters, not ${JSON.stringify(value)}`);
  return bind(value);
}

/** The inclusive day range, checked: real calendar days, from ≤ to. */
export function dateRange(from: string, to: string): [string, string] {
  for (const day of [from, to]) {
    const time = typeof day === 'string' && CALENDAR_DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
      invalid(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
    }
  }
  if (from > to) invalid(`from (${from}) is after to (${to})`);
  return [from, to];
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function invalid(message: string): never {
  throw new InvalidInputError(message);
}
