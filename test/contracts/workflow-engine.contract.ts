import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../src/common/errors/application-errors';
import { ExecutionStatus } from '../../src/modules/workflow/domain/execution';
import { ExecutionView, WorkflowEngine } from '../../src/modules/workflow/domain/workflow-engine.port';

/** Pass/Succeed/Fail only, so no task implementation is needed to run them. */
export const CONTRACT_WORKFLOWS = {
  'contract-greet': {
    StartAt: 'Greet',
    States: { Greet: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } },
  },
  'contract-refuse': {
    StartAt: 'Refuse',
    States: { Refuse: { Type: 'Fail', Error: 'Contract.Refused', Cause: 'on purpose' } },
  },
} as const;

export interface WorkflowEngineHarness {
  /** Has the CONTRACT_WORKFLOWS registered (and deployed, for a remote engine). */
  engine: WorkflowEngine;
  close(): Promise<void>;
}

const GREET = 'contract-greet';
const T1 = 't1';
const T2 = 't2';

/** The behaviour every WorkflowEngine adapter must share. */
export function describeWorkflowEngineContract(name: string, open: () => Promise<WorkflowEngineHarness>): void {
  describe(`WorkflowEngine contract: ${name}`, () => {
    let harness: WorkflowEngineHarness;
    let engine: WorkflowEngine;
    /** Names are unique per workflow across tenants on the embedded engine, so every case picks fresh ones. */
    const fresh = () => `c-${randomUUID().slice(0, 8)}`;
    const input = (tenantId = T1) => ({ tenantId, orderId: randomUUID() });

    const settled = async (tenantId: string, executionId: string): Promise<ExecutionView> => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const execution = await engine.get(tenantId, executionId);
        if (execution.status !== ExecutionStatus.RUNNING || Date.now() > deadline) return execution;
        await new Promise((r) => setTimeout(r, 25));
      }
    };

    beforeAll(async () => {
      harness = await open();
      engine = harness.engine;
    });
    afterAll(() => harness?.close());

    it('starts an execution that runs to SUCCEEDED, with its input and output', async () => {
      const name = fresh();
      const body = input();
      const started = await engine.start({ tenantId: T1, workflowName: GREET, name, input: body });
      expect(started).toMatchObject({ workflowName: GREET, name, created: true });
      expect(Date.parse(started.startedAt)).not.toBeNaN();
      expect(await settled(T1, started.executionId)).toMatchObject({
        executionId: started.executionId,
        workflowName: GREET,
        name,
        tenantId: T1,
        status: ExecutionStatus.SUCCEEDED,
        input: body,
        output: body,
        error: null,
        stoppedAt: expect.any(String),
      });
    });

    it('reports a Fail state as FAILED with its error and cause', async () => {
      const started = await engine.start({ tenantId: T1, workflowName: 'contract-refuse', name: fresh(), input: input() });
      expect(await settled(T1, started.executionId)).toMatchObject({ status: ExecutionStatus.FAILED, error: 'Contract.Refused', cause: 'on purpose' });
    });

    it('is idempotent by name: the same name and input return the existing execution', async () => {
      const name = fresh();
      const body = input();
      const first = await engine.start({ tenantId: T1, workflowName: GREET, name, input: body });
      const again = await engine.start({ tenantId: T1, workflowName: GREET, name, input: { ...body } });
      expect(again).toEqual({ ...first, created: false });
      await settled(T1, first.executionId);
      expect(await engine.start({ tenantId: T1, workflowName: GREET, name, input: body })).toEqual({ ...first, created: false });
    });

    it('refuses the same name with a different input as a conflict', async () => {
      const name = fresh();
      await engine.start({ tenantId: T1, workflowName: GREET, name, input: input() });
      await expect(engine.start({ tenantId: T1, workflowName: GREET, name, input: input() })).rejects.toThrow(ConflictError);
    });

    it('never hands one tenant another tenant’s execution of the same name', async () => {
      const name = fresh();
      const mine = await engine.start({ tenantId: T1, workflowName: GREET, name, input: input() });
      const theirs = engine.start({ tenantId: T2, workflowName: GREET, name, input: input(T2) });
      // Embedded names are unique per workflow (a conflict); on Step Functions the tenant is part of the name.
      await theirs.then(
        (started) => expect(started.executionId).not.toBe(mine.executionId),
        (error: unknown) => expect(error).toBeInstanceOf(ConflictError),
      );
    });

    it('finds an execution only for its own tenant; unknown and malformed ids are not found', async () => {
      const started = await engine.start({ tenantId: T1, workflowName: GREET, name: fresh(), input: input() });
      await expect(engine.get(T2, started.executionId)).rejects.toThrow(NotFoundError);
      await expect(engine.history(T2, started.executionId, { afterId: 0, limit: 10 })).rejects.toThrow(NotFoundError);
      for (const id of [randomUUID(), 'not-an-id', 'bm90LWFuLWFybg', '']) {
        await expect(engine.get(T1, id)).rejects.toThrow(NotFoundError);
      }
    });

    it('is NotFound for a workflow nobody registered', async () => {
      await expect(engine.start({ tenantId: T1, workflowName: 'no-such-workflow', name: fresh(), input: input() })).rejects.toThrow(NotFoundError);
      await expect(engine.list(T1, { workflowName: 'no-such-workflow', limit: 10 })).rejects.toThrow(NotFoundError);
    });

    it('lists a tenant’s executions newest first, page by page, filtered by name and status', async () => {
      const names: string[] = [];
      for (let i = 0; i < 3; i++) {
        names.push(fresh());
        const started = await engine.start({ tenantId: T1, workflowName: GREET, name: names[i], input: input() });
        await settled(T1, started.executionId);
        await new Promise((r) => setTimeout(r, 5));
      }
      const other = fresh();
      await engine.start({ tenantId: T2, workflowName: GREET, name: other, input: input(T2) });

      const seen: ExecutionView[] = [];
      let cursor: string | undefined;
      do {
        const page = await engine.list(T1, { workflowName: GREET, limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen.map((e) => e.executionId)).size).toBe(seen.length);
      expect(seen.every((e) => e.tenantId === T1 && e.workflowName === GREET)).toBe(true);
      expect(seen.map((e) => e.name).filter((n) => names.includes(n))).toEqual([...names].reverse());
      expect(seen.map((e) => e.name)).not.toContain(other);

      const byName = await engine.list(T1, { workflowName: GREET, name: names[1], limit: 10 });
      expect(byName.items.map((e) => e.name)).toEqual([names[1]]);
      expect(byName.items[0]).toMatchObject({ status: ExecutionStatus.SUCCEEDED, tenantId: T1 });
      expect((await engine.list(T2, { workflowName: GREET, name: names[1], limit: 10 })).items).toEqual([]);
      expect((await engine.list(T1, { workflowName: GREET, name: names[1], status: ExecutionStatus.FAILED, limit: 10 })).items).toEqual([]);
      const succeeded = await engine.list(T1, { workflowName: GREET, status: ExecutionStatus.SUCCEEDED, limit: 100 });
      expect(succeeded.items.every((e) => e.status === ExecutionStatus.SUCCEEDED)).toBe(true);
      expect(succeeded.items.map((e) => e.name)).toEqual(expect.arrayContaining(names));
    });

    it('records the history from ExecutionStarted to ExecutionSucceeded, paged by event id', async () => {
      const body = input();
      const started = await engine.start({ tenantId: T1, workflowName: GREET, name: fresh(), input: body });
      await settled(T1, started.executionId);
      const history = await engine.history(T1, started.executionId, { afterId: 0, limit: 100 });
      const ids = history.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      expect(history[0]).toMatchObject({ type: 'ExecutionStarted', details: { input: body } });
      expect(history.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', details: { output: body } });
      expect(history.find((e) => e.type === 'PassStateEntered')).toMatchObject({ stateName: 'Greet', details: { input: body } });
      expect(history.every((e) => !Number.isNaN(Date.parse(e.timestamp)))).toBe(true);

      expect(await engine.history(T1, started.executionId, { afterId: history[0].id, limit: 2 })).toEqual(history.slice(1, 3));
      expect(await engine.history(T1, started.executionId, { afterId: history.at(-1)!.id, limit: 10 })).toEqual([]);
    });
  });
}
