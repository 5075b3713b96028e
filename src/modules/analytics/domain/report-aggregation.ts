import { InvalidInputError } from '../../../common/errors/application-errors';
import type { ReportDataset, ReportField } from './report-datasets';
import type { ReportMetric } from './report-request';

/** The aggregation half of a compiled report: SELECT … FROM … WHERE … GROUP BY, in one or two steps. */

export interface Grouped {
  sql: string;
  alias: string;
}

export interface Measured {
  metric: ReportMetric;
  alias: string;
}

export interface Source {
  table: string;
  where: string;
}

const groupBy = (count: number) => (count > 0 ? [`GROUP BY ${Array.from({ length: count }, (_, i) => i + 1).join(', ')}`] : []);

/** SELECT … GROUP BY over the table; each average also gets its hidden exact sum and count. */
export function aggregateInOneStep(dataset: ReportDataset, dimensions: Grouped[], metrics: Measured[], source: Source): string[] {
  const select = [
    ...dimensions.map(({ sql, alias }) => `${sql} AS "${alias}"`),
    ...metrics.map(({ metric, alias }) => `${aggregate(dataset, metric)} AS "${alias}"`),
    ...metrics
      .filter(({ metric }) => metric.fn === 'avg')
      .flatMap(({ metric, alias }) => {
        const expression = field(dataset, metric.field, 'measure').sql;
        return [`SUM(${expression}) AS "__${alias}_sum"`, `COUNT(${expression}) AS "__${alias}_count"`];
      }),
  ];
  return [`SELECT ${select.join(', ')}`, `FROM ${source.table}`, `WHERE ${source.where}`, ...groupBy(dimensions.length)];
}

/**
 * One distinct count, as two plain GROUP BYs: first by the dimensions and the counted value
 * (every other metric as a partial aggregate), then by the dimensions alone, where the distinct
 * count is a plain COUNT. DuckDB runs COUNT(DISTINCT) in a hash table per group, which over
 * millions of values was ~1.5 times slower than this; Athena plans both alike.
 */
export function aggregateDistinctInTwoSteps(dataset: ReportDataset, dimensions: Grouped[], metrics: Measured[], counted: string, source: Source): string[] {
  const inner = [...dimensions.map(({ sql, alias }) => `${sql} AS "${alias}"`), `${counted} AS "__distinct"`];
  const outer = dimensions.map(({ alias }) => `"${alias}"`);
  const partial = (sql: string, name: string) => {
    inner.push(`${sql} AS "${name}"`);
    return `"${name}"`;
  };
  const hidden: string[] = [];
  metrics.forEach(({ metric, alias }, i) => {
    const whole = aggregate(dataset, metric);
    switch (metric.fn) {
      case 'count_distinct':
        return outer.push(`COUNT("__distinct") AS "${alias}"`);
      case 'count':
        return outer.push(`CAST(COALESCE(SUM(${partial(whole, `__p${i}`)}), 0) AS BIGINT) AS "${alias}"`);
      case 'avg': {
        const expression = field(dataset, metric.field, 'measure').sql;
        const [sum, count] = [partial(`SUM(${expression})`, `__${alias}_sum`), partial(`COUNT(${expression})`, `__${alias}_count`)];
        hidden.push(`SUM(${sum}) AS ${sum}`, `CAST(COALESCE(SUM(${count}), 0) AS BIGINT) AS ${count}`);
        return outer.push(`SUM(${sum}) / SUM(${count}) AS "${alias}"`);
      }
      default:
        // sum, min and max: the same function over the partials.
        return outer.push(`${metric.fn.toUpperCase()}(${partial(whole, `__p${i}`)}) AS "${alias}"`);
    }
  });
  return [
    `SELECT ${[...outer, ...hidden].join(', ')}`,
    `FROM (SELECT ${inner.join(', ')} FROM ${source.table} WHERE ${source.where} ${groupBy(dimensions.length + 1)[0]}) AS distinct_groups`,
    ...groupBy(dimensions.length),
  ];
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

export function field(dataset: ReportDataset, name: string | undefined, kind?: ReportField['kind']): ReportField {
  const found = name === undefined ? undefined : dataset.fields.get(name);
  if (!found) invalid(`Unknown field ${JSON.stringify(name)}; this dataset has ${[...dataset.fields.keys()].join(', ')}`);
  if (kind && found.kind !== kind) invalid(`${name} is not a ${kind}`);
  return found;
}

function invalid(message: string): never {
  throw new InvalidInputError(message);
}
