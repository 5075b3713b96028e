import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkflowExecutions1700000002000 implements MigrationInterface {
  name = 'CreateWorkflowExecutions1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_executions (
        execution_id uuid PRIMARY KEY,
        workflow_name text NOT NULL,
        execution_name text NOT NULL,
        tenant_id text NOT NULL,
        status text NOT NULL,
        input jsonb NOT NULL,
        output jsonb,
        error text,
        cause text,
        runtime jsonb NOT NULL,
        event_count integer NOT NULL,
        started_at timestamptz NOT NULL,
        stopped_at timestamptz,
        deadline_at timestamptz,
        wake_at timestamptz,
        lease_owner text,
        lease_expires_at timestamptz,
        updated_at timestamptz NOT NULL,
        CONSTRAINT workflow_executions_name_uq UNIQUE (workflow_name, execution_name)
      )`);
    // The recovery sweep looks only at running executions.
    await q.query(`CREATE INDEX workflow_executions_running_idx ON workflow_executions (updated_at) WHERE status = 'RUNNING'`);
    await q.query(`CREATE INDEX workflow_executions_tenant_idx ON workflow_executions (tenant_id, workflow_name, started_at DESC)`);
    await q.query(`
      CREATE TABLE workflow_history (
        execution_id uuid NOT NULL REFERENCES workflow_executions (execution_id) ON DELETE CASCADE,
        event_id integer NOT NULL,
        type text NOT NULL,
        state_name text,
        details jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (execution_id, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE workflow_history');
    await q.query('DROP TABLE workflow_executions');
  }
}
