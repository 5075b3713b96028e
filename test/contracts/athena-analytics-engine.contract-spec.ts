import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { athenaLiteral, AthenaAnalyticsEngine } from '../../src/infrastructure/aws/athena-analytics-engine.adapter';
import { RECORDED_RESULTS } from '../fixtures/athena/recorded-results';
import { analyticsEngineContract, ANALYTICS_ENGINE_CASES } from './analytics-engine.contract';

const OPTIONS = { workGroup: 'mercantil', database: 'mercantil_lake', outputLocation: 's3://mercantil-athena-results/queries/', timeoutMs: 60_000 };
const athena = mockClient(AthenaClient);
const waits: number[] = [];
const engine = new AthenaAnalyticsEngine(new AthenaClient({ region: 'eu-west-1' }), { ...OPTIONS, wait: async (ms) => waits.push(ms) });

/** Athena as recorded: each contract query, started with its exact input, runs, succeeds, and pages its results. */
function replayRecordedQueries() {
  athena.reset();
  waits.length = 0;
  ANALYTICS_ENGINE_CASES.forEach((contractCase, i) => {
    const id = `q-${i}`;
    athena
      .on(StartQueryExecutionCommand, {
        QueryString: contractCase.query.sql,
        ExecutionParameters: contractCase.query.params.map(athenaLiteral),
        QueryExecutionContext: { Database: 'mercantil_lake' },
        WorkGroup: 'mercantil',
        ResultConfiguration: { OutputLocation: OPTIONS.outputLocation },
      })
      .resolves({ QueryExecutionId: id });
    athena
      .on(GetQueryExecutionCommand, { QueryExecutionId: id })
      .resolvesOnce({ QueryExecution: { QueryExecutionId: id, Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { QueryExecutionId: id, Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { QueryExecutionId: id, Status: { State: 'SUCCEEDED' } } });
    RECORDED_RESULTS[contractCase.name].forEach((page, p, pages) => {
      athena.on(GetQueryResultsCommand, { QueryExecutionId: id, NextToken: p === 0 ? undefined : pages[p - 1].NextToken }).resolves(page);
    });
  });
}

describe('Athena analytics engine against recorded responses', () => {
  beforeEach(replayRecordedQueries);
  analyticsEngineContract('Athena (recorded)', () => engine);
});

describe('AthenaAnalyticsEngine', () => {
  beforeEach(replayRecordedQueries);
  const grouped = ANALYTICS_ENGINE_CASES[0];

  it('starts the query with positional literal parameters, the workgroup and the database, then polls with backoff and pages', async () => {
    await engine.run(grouped.query);
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueryString: grouped.query.sql,
        QueryExecutionContext: { Database: 'mercantil_lake' },
        WorkGroup: 'mercantil',
        ExecutionParameters: ["'ct-a'"],
        ResultConfiguration: { OutputLocation: 's3://mercantil-athena-results/queries/' },
      },
    ]);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-0', MaxResults: 1000, NextToken: undefined },
      { QueryExecutionId: 'q-0', MaxResults: 1000, NextToken: 'token-1' },
    ]);
  });

  it('writes parameters as SQL literals: quotes doubled, numbers and booleans bare', () => {
    expect(["it's", 12.5, true, "'; DROP TABLE sales; --"].map(athenaLiteral)).toEqual(["'it''s'", '12.5', 'true', "'''; DROP TABLE sales; --'"]);
    expect(() => athenaLiteral(Number.NaN)).toThrow(/finite/);
  });

  it('leaves out ExecutionParameters and ResultConfiguration when there are none', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-bare' });
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'q-bare' }).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand, { QueryExecutionId: 'q-bare' }).resolves(RECORDED_RESULTS[ANALYTICS_ENGINE_CASES[1].name][0]);
    const bare = new AthenaAnalyticsEngine(new AthenaClient({ region: 'eu-west-1' }), { workGroup: 'primary', database: 'lake', timeoutMs: 1000 });
    expect((await bare.run({ sql: 'SELECT COUNT(*) AS sales FROM sales', params: [], tables: ['sales'] })).rows).toEqual([{ sales: 0 }]);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input).toEqual({
      QueryString: 'SELECT COUNT(*) AS sales FROM sales',
      QueryExecutionContext: { Database: 'lake' },
      WorkGroup: 'primary',
    });
  });

  it('fails with the reason Athena gives when the query fails', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-bad' });
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'q-bad' }).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved" } },
    });
    await expect(engine.run({ sql: 'SELECT nope FROM sales', params: [], tables: ['sales'] })).rejects.toThrow(/q-bad FAILED: COLUMN_NOT_FOUND/);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('stops a query that outlives the timeout', async () => {
    let clock = 0;
    const slow = new AthenaAnalyticsEngine(new AthenaClient({ region: 'eu-west-1' }), {
      ...OPTIONS,
      timeoutMs: 5_000,
      now: () => clock,
      wait: async (ms) => (clock += ms),
    });
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-slow' });
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'q-slow' }).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    await expect(slow.run({ sql: 'SELECT 1', params: [], tables: [] })).rejects.toThrow(/did not finish within 5000 ms; stopped/);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([{ QueryExecutionId: 'q-slow' }]);
    // 100, 200, 400, 800, 1600, then 2000 (the cap) while it fits before the deadline.
    expect(clock).toBeLessThanOrEqual(5_000);
    expect(athena.commandCalls(GetQueryExecutionCommand).length).toBeGreaterThanOrEqual(6);
  });
});
