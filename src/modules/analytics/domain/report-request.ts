/** A custom report as clients ask for it (POST /analytics/{tenantId}/report); the tenant comes from the token. */
export const REPORT_DATASETS = ['sales', 'orders', 'invoices'] as const;
export type ReportDatasetName = (typeof REPORT_DATASETS)[number];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const METRIC_FUNCTIONS = ['sum', 'avg', 'count', 'count_distinct', 'min', 'max'] as const;
export type MetricFunction = (typeof METRIC_FUNCTIONS)[number];

export const FILTER_OPERATORS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterValue = string | number;

export interface ReportDimension {
  field: string;
  /** Only for `date`: the bucket rows are grouped by (weeks start on Monday). Defaults to day. */
  granularity?: Granularity;
}

export interface ReportMetric {
  fn: MetricFunction;
  /** A measure for sum/avg/min/max; any field for count/count_distinct; none for count(*). */
  field?: string;
  /** The result column's name; defaults to `<fn>_<field>` (or `count`). */
  as?: string;
}

export interface ReportFilter {
  field: string;
  op: FilterOperator;
  /** eq, ne, gt, gte, lt, lte. */
  value?: FilterValue;
  /** in and nin (1–100 values), between (exactly 2: low and high, inclusive). */
  values?: FilterValue[];
}

export interface ReportSort {
  /** A dimension's field or a metric's alias. */
  by: string;
  direction?: 'asc' | 'desc';
}

export interface ReportRequest {
  dataset: ReportDatasetName;
  dimensions?: ReportDimension[];
  metrics: ReportMetric[];
  filters?: ReportFilter[];
  /** Calendar days (YYYY-MM-DD, UTC), both inclusive. */
  from: string;
  to: string;
  sort?: ReportSort[];
  limit?: number;
}

/** A calendar day as requests write it; the compiler also checks it exists. */
export const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const MAX_REPORT_LIMIT = 10_000;
export const DEFAULT_REPORT_LIMIT = 1_000;
