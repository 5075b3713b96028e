import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresExecutionRepository } from '../../src/modules/workflow/adapters/postgres-execution.repository';
import { Execution, ExecutionStatus } from '../../src/modules/workflow/domain/execution';
import { LeaseLostError } from '../../src/modules/workflow/domain/execution-repository.port';
import { createTestDatabase } from '../support/test-database';

function newExecution(overrides: Partial<Execution> = {}): Execution {
  const executionId = randomUUID();
  return {
    executionId,
    workflowName: 'order-fulfilment',
    name: executionId,
    tenantId: 't1',
    status: ExecutionStatus.RUNNING,
    input: { orderId: 'o1' },
    output: null,
    error: null,
    cause: null,
    runtime: { frames: {}, nextFrameId: 1, nextEntry: 1 },
    startedAt: new Date().toISOString(),
    stoppedAt: null,
    deadlineAt: null,
    traceId: null,
    ...overrides,
  };
}

const started = { type: 'ExecutionStarted', details: { input: { orderId: 'o1' } }, timestamp: new Date().toISOString() };

describe(`Execution repository (${process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'})`, () => {
  let repository: PostgresExecutionRepository;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const db = await openDataSource(loadConfig(database.env));
    repository = new PostgresExecutionRepository(db.dataSource);
    close = async () => {
      await db.close();
      await database.drop();
    };
  });
  afterAll(() => close());

  it('creates an execution with its first history events, and returns the existing one for a taken name', async () => {
    const first = newExecution({ name: 'order-42' });
    expect(await repository.create(first, [started])).toMatchObject({ created: true });
    const again = await repository.create(newExecution({ name: 'order-42', input: { other: true } }), [started]);
    expect(again.created).toBe(false);
    expect(again.execution).toMatchObject({ executionId: first.executionId, input: { orderId: 'o1' } });
    expect(await repository.history(first.executionId, { afterId: 0, limit: 10 })).toEqual([{ id: 1, ...started }]);
  });

  it('lets one owner hold the lease, fences saves by it, and hands it over once expired', async () => {
    const execution = newExecution();
    await repository.create(execution, [started]);
    const leased = await repository.acquire(execution.executionId, 'worker-a', 1);
    expect(leased).toMatchObject({ executionId: execution.executionId, eventCount: 1 });
    expect(await repository.acquire(execution.executionId, 'worker-b', 1)).toBeNull();

    await repository.save(leased!, [{ type: 'PassStateEntered', stateName: 'A', details: {}, timestamp: new Date().toISOString() }], 'worker-a', { release: false });
    await expect(repository.save(leased!, [], 'worker-b', { release: false })).rejects.toBeInstanceOf(LeaseLostError);

    await sleep(1100);
    const takenOver = await repository.acquire(execution.executionId, 'worker-b', 30);
    expect(takenOver).toMatchObject({ eventCount: 2 });
    // The old owner's late write must not land on top of the new owner's work.
    await expect(repository.save(leased!, [], 'worker-a', { release: false })).rejects.toBeInstanceOf(LeaseLostError);
    expect(await repository.renew(execution.executionId, 'worker-a', 30)).toBe(false);
    expect(await repository.renew(execution.executionId, 'worker-b', 30)).toBe(true);
  });

  it('stores the final status and output, appends numbered history, and stops leasing a finished execution', async () => {
    const execution = newExecution();
    await repository.create(execution, [started]);
    const leased = (await repository.acquire(execution.executionId, 'w', 30))!;
    Object.assign(leased, { status: ExecutionStatus.SUCCEEDED, output: { total: '10.00' }, stoppedAt: new Date().toISOString() });
    const done = { type: 'ExecutionSucceeded', details: { output: { total: '10.00' } }, timestamp: new Date().toISOString() };
    await repository.save(leased, [done], 'w', { release: true });

    expect(await repository.findById(execution.executionId)).toMatchObject({ status: 'SUCCEEDED', output: { total: '10.00' }, eventCount: 2 });
    expect((await repository.history(execution.executionId, { afterId: 1, limit: 10 })).map((e) => [e.id, e.type])).toEqual([[2, 'ExecutionSucceeded']]);
    expect(await repository.acquire(execution.executionId, 'w', 30)).toBeNull();
  });

  it('reports running executions left idle by a dead worker, but not sleeping or freshly touched ones', async () => {
    const stuck = newExecution();
    const asleep = newExecution();
    const fresh = newExecution();
    for (const e of [stuck, asleep, fresh]) await repository.create(e, [started]);
    const sleeping = (await repository.acquire(asleep.executionId, 'w', 30))!;
    await repository.save(sleeping, [], 'w', { release: true, wakeAt: new Date(Date.now() + 60_000) });
    await sleep(1100);
    await repository.acquire(fresh.executionId, 'w', 30);

    const stalled = await repository.stalled(1, 100);
    expect(stalled).toContain(stuck.executionId);
    expect(stalled).not.toContain(asleep.executionId);
    expect(stalled).not.toContain(fresh.executionId);
  });

  it('lists the tenant executions of a workflow newest first, by name and status, page by page', async () => {
    const tenantId = `t-${randomUUID()}`;
    const times = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'];
    const created = times.map((startedAt, i) => newExecution({ tenantId, startedAt, name: `n${i}` }));
    for (const e of created) await repository.create(e, [started]);
    await repository.create(newExecution({ tenantId: 'someone-else' }), [started]);

    const first = await repository.list(tenantId, { workflowName: 'order-fulfilment', limit: 2 });
    expect(first.items.map((e) => e.name)).toEqual(['n2', 'n1']);
    const second = await repository.list(tenantId, { workflowName: 'order-fulfilment', limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [{ name: 'n0' }], nextCursor: null });
    expect((await repository.list(tenantId, { workflowName: 'order-fulfilment', name: 'n1', limit: 5 })).items).toHaveLength(1);
    expect((await repository.list(tenantId, { workflowName: 'order-fulfilment', status: ExecutionStatus.FAILED, limit: 5 })).items).toHaveLength(0);
  });
});
