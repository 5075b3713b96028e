import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap/configure-app';
import { startWorkers } from '../src/bootstrap/start-workers';
import { ExecutionView, GetExecutionQuery, JsonValue, StartExecutionCommand, WorkflowModule, WorkflowTask, WorkflowTaskCommand } from '../src/modules/workflow';
import { createTestDatabase, TestDatabase } from './support/test-database';

@WorkflowTask('RunnerSpecDouble', { idempotent: true })
class DoubleCommand extends WorkflowTaskCommand<number> {}

@CommandHandler(DoubleCommand)
class DoubleHandler implements ICommandHandler<DoubleCommand> {
  static calls = 0;
  async execute({ input }: DoubleCommand): Promise<number> {
    DoubleHandler.calls += 1;
    return (input as { n: number }).n * 2;
  }
}

const WORKFLOWS = [
  {
    name: 'spec-long-wait',
    definition: { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 3, Next: 'Done' }, Done: { Type: 'Pass', Result: 'rested', End: true } } },
  },
  {
    name: 'spec-timeout',
    definition: { StartAt: 'Nap', TimeoutSeconds: 1, States: { Nap: { Type: 'Wait', Seconds: 30, End: true } } },
  },
  {
    name: 'spec-branches',
    definition: {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'One', States: { One: { Type: 'Task', Resource: '${RunnerSpecDouble}', End: true } } },
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  ItemsPath: '$.items',
                  ItemSelector: { 'n.$': '$$.Map.Item.Value' },
                  ItemProcessor: { StartAt: 'Twice', States: { Twice: { Type: 'Task', Resource: '${RunnerSpecDouble}', End: true } } },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    },
  },
];

@Module({ imports: [WorkflowModule.forFeature(WORKFLOWS)], providers: [DoubleHandler] })
class RunnerSpecModule {}

@Module({})
class RootModule {}

describe('Workflow runner on the database (e2e)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await NestFactory.create<NestExpressApplication>(
      { module: RootModule, imports: [AppModule.forRoot({ ...process.env, ...database.env, SEED_DEMO: 'false' }), RunnerSpecModule] },
      { bufferLogs: true, bodyParser: false },
    );
    configureApp(app);
    await app.init();
    startWorkers(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const start = (workflowName: string, input: JsonValue) => app.get(CommandBus).execute(new StartExecutionCommand('t1', workflowName, input));
  const read = (executionId: string) => app.get(QueryBus).execute(new GetExecutionQuery('t1', executionId));
  async function finished(executionId: string, timeoutMs = 10_000): Promise<ExecutionView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const execution = await read(executionId);
      if (execution.status !== 'RUNNING' || Date.now() > deadline) return execution;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('puts a long Wait to sleep as a delayed message, releasing the execution, and resumes it on time', async () => {
    const started = Date.now();
    const { executionId } = await start('spec-long-wait', {});
    await new Promise((r) => setTimeout(r, 1000));
    const [asleep] = await app.get(DataSource).query(`SELECT status, lease_owner, wake_at FROM workflow_executions WHERE execution_id = $1`, [executionId]);
    expect(asleep).toMatchObject({ status: 'RUNNING', lease_owner: null });
    expect(asleep.wake_at.getTime()).toBeGreaterThan(Date.now());

    const done = await finished(executionId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 'rested' });
    expect(Date.parse(done.stoppedAt!) - started).toBeGreaterThanOrEqual(2900);
  });

  it('times the execution out after the definition TimeoutSeconds with States.Timeout', async () => {
    const { executionId } = await start('spec-timeout', {});
    expect(await finished(executionId)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('runs Parallel branches and Map iterations through persisted frames', async () => {
    const { executionId } = await start('spec-branches', { n: 5, items: [1, 2, 3] });
    expect(await finished(executionId)).toMatchObject({ status: 'SUCCEEDED', output: [10, [2, 4, 6]] });
    expect(DoubleHandler.calls).toBe(4);
  });
});
