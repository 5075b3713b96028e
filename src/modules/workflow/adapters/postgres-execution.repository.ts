import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import { JsonValue } from '../domain/asl/asl-types';
import { Execution, ExecutionStatus, HistoryEvent } from '../domain/execution';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import {
  ExecutionListQuery,
  ExecutionPage,
  ExecutionRepository,
  LeaseLostError,
  SaveOptions,
  StoredHistoryEvent,
} from '../domain/execution-repository.port';
import { ExecutionRuntime } from '../domain/execution-runtime';

interface ExecutionRow {
  execution_id: string;
  workflow_name: string;
  execution_name: string;
  tenant_id: string;
  status: ExecutionStatus;
  input: JsonValue;
  output: JsonValue | null;
  error: string | null;
  cause: string | null;
  runtime: ExecutionRuntime;
  event_count: number;
  started_at: Date;
  stopped_at: Date | null;
  deadline_at: Date | null;
  trace_id: string | null;
}

type Position = [startedAt: string, executionId: string];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string' && UUID.test(v[1]);

const COLUMNS = `execution_id, workflow_name, execution_name, tenant_id, status, input, output, error, cause, runtime,
  event_count, started_at, stopped_at, deadline_at, trace_id`;

/** Events travel as one JSON parameter and are unpacked server-side, so a save is a single statement. */
const EVENTS_FROM_JSON = `jsonb_to_recordset($EVENTS::jsonb) AS e(event_id integer, type text, state_name text, details jsonb, occurred_at timestamptz)`;

function numbered(events: HistoryEvent[], after: number) {
  return JSON.stringify(
    events.map((e, i) => ({ event_id: after + i + 1, type: e.type, state_name: e.stateName ?? null, details: e.details, occurred_at: e.timestamp })),
  );
}

function toExecution(row: ExecutionRow): Execution & { eventCount: number } {
  return {
    executionId: row.execution_id,
    workflowName: row.workflow_name,
    name: row.execution_name,
    tenantId: row.tenant_id,
    status: row.status,
    input: row.input,
    output: row.output,
    error: row.error,
    cause: row.cause,
    runtime: row.runtime,
    eventCount: row.event_count,
    startedAt: row.started_at.toISOString(),
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    deadlineAt: row.deadline_at?.toISOString() ?? null,
    traceId: row.trace_id,
  };
}

/** Writes are single statements over CTEs, so a transition and its history land together. */
@Injectable()
export class PostgresExecutionRepository implements ExecutionRepository {
  constructor(private readonly db: DataSource) {}

  async create(execution: Execution, events: HistoryEvent[]) {
    const e = execution;
    const { rows } = await runSql<{ execution_id: string }>(
      this.db,
      `WITH created AS (
         INSERT INTO workflow_executions (${COLUMNS}, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL, $7, $8, $9, NULL, $10, $12, now())
         ON CONFLICT (workflow_name, execution_name) DO NOTHING
         RETURNING execution_id),
       history AS (
         INSERT INTO workflow_history (execution_id, event_id, type, state_name, details, occurred_at)
         SELECT c.execution_id, e.event_id, e.type, e.state_name, e.details, e.occurred_at
         FROM created c CROSS JOIN ${EVENTS_FROM_JSON.replace('$EVENTS', '$11')})
       SELECT execution_id FROM created`,
      [e.executionId, e.workflowName, e.name, e.tenantId, e.status, JSON.stringify(e.input), JSON.stringify(e.runtime), events.length, e.startedAt, e.deadlineAt, numbered(events, 0), e.traceId],
    );
    if (rows.length > 0) return { execution, created: true };
    const {
      rows: [existing],
    } = await runSql<ExecutionRow>(
      this.db,
      `SELECT ${COLUMNS} FROM workflow_executions WHERE workflow_name = $1 AND execution_name = $2`,
      [e.workflowName, e.name],
    );
    return { execution: toExecution(existing), created: false };
  }

  async findById(executionId: string) {
    const {
      rows: [row],
    } = await runSql<ExecutionRow>(this.db, `SELECT ${COLUMNS} FROM workflow_executions WHERE execution_id = $1`, [executionId]);
    return row ? toExecution(row) : null;
  }

  async list(tenantId: string, query: ExecutionListQuery): Promise<ExecutionPage> {
    const params: unknown[] = [tenantId, query.workflowName];
    const where = ['tenant_id = $1', 'workflow_name = $2'];
    if (query.name !== undefined) where.push(`execution_name = $${params.push(query.name)}`);
    if (query.status !== undefined) where.push(`status = $${params.push(query.status)}`);
    if (query.cursor !== undefined) {
      const [startedAt, executionId] = decodeCursor(query.cursor, isPosition);
      where.push(`(started_at, execution_id) < ($${params.push(startedAt)}::timestamptz, $${params.push(executionId)}::uuid)`);
    }
    const { rows } = await runSql<ExecutionRow>(
      this.db,
      `SELECT ${COLUMNS} FROM workflow_executions WHERE ${where.join(' AND ')}
       ORDER BY started_at DESC, execution_id DESC LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const items = rows.slice(0, query.limit).map(toExecution);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit ? encodeCursor([last.startedAt, last.executionId]) : null };
  }

  async history(executionId: string, page: { afterId: number; limit: number }): Promise<StoredHistoryEvent[]> {
    const { rows } = await runSql<{ event_id: number; type: string; state_name: string | null; details: HistoryEvent['details']; occurred_at: Date }>(
      this.db,
      `SELECT event_id, type, state_name, details, occurred_at FROM workflow_history
         WHERE execution_id = $1 AND event_id > $2 ORDER BY event_id LIMIT $3`,
        [executionId, page.afterId, page.limit],
      );
    return rows.map((r) => ({
      id: r.event_id,
      type: r.type,
      ...(r.state_name === null ? {} : { stateName: r.state_name }),
      details: r.details,
      timestamp: r.occurred_at.toISOString(),
    }));
  }

  async acquire(executionId: string, owner: string, leaseSeconds: number) {
    const { rows } = await runSql<ExecutionRow>(
      this.db,
      `WITH leased AS (
         UPDATE workflow_executions
         SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
         WHERE execution_id = $1 AND status = 'RUNNING'
           AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at < now())
         RETURNING ${COLUMNS})
       SELECT * FROM leased`,
      [executionId, owner, leaseSeconds],
    );
    return rows.length > 0 ? toExecution(rows[0]) : null;
  }

  async renew(executionId: string, owner: string, leaseSeconds: number): Promise<boolean> {
    const { rows } = await runSql(
      this.db,
      `WITH renewed AS (
         UPDATE workflow_executions SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
         WHERE execution_id = $1 AND lease_owner = $2 RETURNING 1)
       SELECT * FROM renewed`,
      [executionId, owner, leaseSeconds],
    );
    return rows.length > 0;
  }

  async save(execution: Execution & { eventCount: number }, events: HistoryEvent[], owner: string, options: SaveOptions): Promise<void> {
    const e = execution;
    const { rows } = await runSql<{ saved: string }>(
      this.db,
      `WITH saved AS (
         UPDATE workflow_executions
         SET status = $3, output = $4, error = $5, cause = $6, runtime = $7, event_count = event_count + $8,
             stopped_at = $9, wake_at = $10, updated_at = now(),
             lease_owner = CASE WHEN $11 THEN NULL ELSE lease_owner END,
             lease_expires_at = CASE WHEN $11 THEN NULL ELSE lease_expires_at END
         WHERE execution_id = $1 AND lease_owner = $2
         RETURNING execution_id),
       history AS (
         INSERT INTO workflow_history (execution_id, event_id, type, state_name, details, occurred_at)
         SELECT s.execution_id, e.event_id, e.type, e.state_name, e.details, e.occurred_at
         FROM saved s CROSS JOIN ${EVENTS_FROM_JSON.replace('$EVENTS', '$12')})
       SELECT execution_id AS saved FROM saved`,
      [
        e.executionId,
        owner,
        e.status,
        e.output === null ? null : JSON.stringify(e.output),
        e.error,
        e.cause,
        JSON.stringify(e.runtime),
        events.length,
        e.stoppedAt,
        options.wakeAt?.toISOString() ?? null,
        options.release,
        numbered(events, e.eventCount),
      ],
    );
    if (rows.length === 0) throw new LeaseLostError(e.executionId);
    e.eventCount += events.length;
  }

  async stalled(idleSeconds: number, limit: number): Promise<string[]> {
    const { rows } = await runSql<{ execution_id: string }>(
      this.db,
      `SELECT execution_id FROM workflow_executions
       WHERE status = 'RUNNING'
         AND updated_at < now() - make_interval(secs => $1)
         AND (lease_expires_at IS NULL OR lease_expires_at < now())
         AND (wake_at IS NULL OR wake_at < now() - make_interval(secs => $1))
       ORDER BY updated_at LIMIT $2`,
      [idleSeconds, limit],
    );
    return rows.map((r) => r.execution_id);
  }
}
