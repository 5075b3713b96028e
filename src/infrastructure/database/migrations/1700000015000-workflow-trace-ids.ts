import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace id an execution was started under, restored whenever a worker runs its steps (also after a crash). */
export class WorkflowTraceIds1700000015000 implements MigrationInterface {
  name = 'WorkflowTraceIds1700000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_executions ADD COLUMN trace_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_executions DROP COLUMN trace_id`);
  }
}
