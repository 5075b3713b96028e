import {
  AthenaClient,
  ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  QueryExecutionState,
  Row,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AnalyticsColumnType,
  AnalyticsEngine,
  AnalyticsParam,
  AnalyticsQuery,
  AnalyticsQueryError,
  AnalyticsResult,
  AnalyticsValue,
} from '../../modules/analytics/domain/analytics-engine.port';

export interface AthenaEngineOptions {
  workGroup: string;
  /** The Glue database holding the lake tables (their names are the catalog's, src/modules/analytics/domain/lake-tables.ts). */
  database: string;
  /** s3://… for results; omitted when the workgroup enforces its own. */
  outputLocation?: string;
  timeoutMs: number;
  /** First poll delay; doubled after each poll up to maxPollMs. */
  initialPollMs?: number;
  maxPollMs?: number;
  /** Injected by tests: time and waiting. */
  now?: () => number;
  wait?: (ms: number) => Promise<unknown>;
}

const DONE: readonly string[] = [QueryExecutionState.SUCCEEDED, QueryExecutionState.FAILED, QueryExecutionState.CANCELLED];
const PAGE_SIZE = 1000;

/**
 * Athena over the Glue tables: StartQueryExecution with positional ExecutionParameters, polling
 * with backoff until the query ends (stopping it past the timeout), then every result page,
 * typed by the result set's metadata.
 */
export class AthenaAnalyticsEngine implements AnalyticsEngine {
  readonly slow = true;

  constructor(
    private readonly client: AthenaClient,
    private readonly options: AthenaEngineOptions,
  ) {}

  async run(query: AnalyticsQuery): Promise<AnalyticsResult> {
    const { workGroup, database, outputLocation } = this.options;
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: query.sql,
        QueryExecutionContext: { Database: database },
        WorkGroup: workGroup,
        // Athena refuses an empty list.
        ExecutionParameters: query.params.length > 0 ? query.params.map(athenaLiteral) : undefined,
        ResultConfiguration: outputLocation ? { OutputLocation: outputLocation } : undefined,
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new AnalyticsQueryError('Athena returned no QueryExecutionId');
    await this.waitUntilDone(id);
    return this.results(id);
  }

  private async waitUntilDone(id: string): Promise<void> {
    const now = this.options.now ?? Date.now;
    const wait = this.options.wait ?? sleep;
    const deadline = now() + this.options.timeoutMs;
    let delay = this.options.initialPollMs ?? 100;
    for (;;) {
      const { QueryExecution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = QueryExecution?.Status?.State ?? '';
      if (state === QueryExecutionState.SUCCEEDED) return;
      if (DONE.includes(state)) {
        throw new AnalyticsQueryError(`Athena query ${id} ${state}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason given'}`);
      }
      if (now() + delay > deadline) {
        await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
        throw new AnalyticsQueryError(`Athena query ${id} did not finish within ${this.options.timeoutMs} ms; stopped`);
      }
      await wait(delay);
      delay = Math.min(delay * 2, this.options.maxPollMs ?? 2000);
    }
  }

  private async results(id: string): Promise<AnalyticsResult> {
    let columns: ColumnInfo[] = [];
    const rows: Row[] = [];
    let nextToken: string | undefined;
    let first = true;
    do {
      const page = await this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: nextToken, MaxResults: PAGE_SIZE }));
      if (first) columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      // A SELECT's first page starts with the header row.
      rows.push(...(page.ResultSet?.Rows ?? []).slice(first ? 1 : 0));
      first = false;
      nextToken = page.NextToken;
    } while (nextToken);
    const typed = columns.map((c) => ({ name: c.Name ?? '', type: columnType(c.Type ?? '') }));
    return {
      columns: typed,
      rows: rows.map((row) => Object.fromEntries(typed.map((c, i) => [c.name, toValue(row.Data?.[i]?.VarCharValue, c.type)]))),
    };
  }
}

/** ExecutionParameters are SQL literals: strings quoted with inner quotes doubled. */
export function athenaLiteral(param: AnalyticsParam): string {
  if (typeof param === 'string') return `'${param.replaceAll("'", "''")}'`;
  if (typeof param === 'number' && !Number.isFinite(param)) throw new AnalyticsQueryError(`Not a finite number: ${param}`);
  return String(param);
}

function columnType(athenaType: string): AnalyticsColumnType {
  if (athenaType === 'decimal') return 'decimal';
  if (['tinyint', 'smallint', 'integer', 'bigint'].includes(athenaType)) return 'integer';
  if (['double', 'float', 'real'].includes(athenaType)) return 'double';
  if (athenaType === 'boolean') return 'boolean';
  if (athenaType === 'date') return 'date';
  if (athenaType.startsWith('timestamp')) return 'timestamp';
  return 'string';
}

function toValue(text: string | undefined, type: AnalyticsColumnType): AnalyticsValue {
  // Athena leaves VarCharValue out for a null.
  if (text === undefined) return null;
  switch (type) {
    case 'integer':
    case 'double':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'timestamp':
      // `2024-03-05 10:11:12.345` (the lake's timestamps are UTC), or with ` UTC` after it.
      return new Date(`${text.replace(/ UTC$/, '').replace(' ', 'T')}Z`).toISOString();
    default:
      return text;
  }
}
