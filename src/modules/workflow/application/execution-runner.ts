import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { WORKFLOW_QUEUE } from '../../../common/queue/queue-definition';
import { Queue, QUEUE } from '../../../common/queue/queue.port';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { currentTraceId, runWithTraceId } from '../../../common/tracing/trace-context';
import { StatesErrorName } from '../domain/asl/errors';
import { Execution, ExecutionOutcome, ExecutionStatus, HistoryEvent } from '../domain/execution';
import { EXECUTION_REPOSITORY, ExecutionRepository } from '../domain/execution-repository.port';
import { EventSink, Interpreter } from '../domain/interpreter';
import { CommandTaskInvoker } from './command-task-invoker';
import { WorkflowMetrics } from './workflow-metrics';
import { WorkflowRegistry } from './workflow-registry';

/** Timers this short are slept through while holding the lease instead of a round trip through the queue. */
const INLINE_SLEEP_MS = 2_000;

export interface WorkflowStepMessage {
  executionId: string;
}

type LeasedExecution = Execution & { eventCount: number };

/**
 * Drives one execution as far as it can go: takes its lease, runs states until the
 * execution ends or has to wait, persisting every transition with its history.
 * A crash anywhere leaves the last persisted transition to resume from.
 */
@Injectable()
export class ExecutionRunner {
  private readonly logger = new Logger(ExecutionRunner.name);
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly leaseSeconds: number;

  constructor(
    @Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository,
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly registry: WorkflowRegistry,
    private readonly tasks: CommandTaskInvoker,
    private readonly metrics: WorkflowMetrics,
  ) {
    this.leaseSeconds = config.workflow.leaseSeconds;
  }

  /** Asks a worker to run the execution soon (or at `at`). */
  async schedule(executionId: string, at?: Date, reason = 'start'): Promise<void> {
    const delaySeconds = at ? Math.max(0, Math.ceil((at.getTime() - Date.now()) / 1000)) : 0;
    const message: WorkflowStepMessage = { executionId };
    await this.queue.send(WORKFLOW_QUEUE, message, { delaySeconds, deduplicationId: `${reason}:${executionId}:${at?.toISOString() ?? ''}` });
  }

  async run(executionId: string): Promise<void> {
    const execution = await this.executions.acquire(executionId, this.owner, this.leaseSeconds);
    // Finished, or another worker holds it: that worker (or the recovery sweep) carries on.
    if (!execution) return;
    const heartbeat = setInterval(() => {
      this.executions.renew(executionId, this.owner, this.leaseSeconds).catch((e: Error) => this.logger.warn(`Lease renewal failed for ${executionId}: ${e.message}`));
    }, (this.leaseSeconds * 1000) / 3);
    heartbeat.unref();
    try {
      // Steps run under the trace the execution was started with, whichever worker resumes it.
      const traceId = execution.traceId ?? currentTraceId();
      await (traceId ? runWithTraceId(traceId, () => this.drive(execution)) : this.drive(execution));
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async drive(execution: LeasedExecution): Promise<void> {
    const { definition } = this.registry.get(execution.workflowName);
    const interpreter = new Interpreter(definition, execution, { now: () => new Date() });
    const pending: HistoryEvent[] = [];
    const sink: EventSink = {
      emit: (event) => {
        this.logger.debug({ executionId: execution.executionId, workflow: execution.workflowName, state: event.stateName, event: event.type }, 'Workflow event');
        pending.push({ ...event, timestamp: new Date().toISOString() });
      },
      checkpoint: () => this.executions.save(execution, pending.splice(0), this.owner, { release: false }),
    };
    for (;;) {
      if (execution.deadlineAt && Date.parse(execution.deadlineAt) <= Date.now()) {
        sink.emit({ type: 'ExecutionTimedOut', details: { error: StatesErrorName.Timeout, cause: 'The execution exceeded the definition TimeoutSeconds' } });
        return this.finish(execution, pending, { status: ExecutionStatus.TIMED_OUT, error: StatesErrorName.Timeout, cause: 'The execution exceeded the definition TimeoutSeconds' });
      }
      const frame = interpreter.runnable(execution.runtime);
      if (!frame) {
        const wakeAt = earliest(interpreter.nextWakeAt(execution.runtime), execution.deadlineAt);
        if (wakeAt && wakeAt.getTime() - Date.now() <= INLINE_SLEEP_MS) {
          await sleep(Math.max(0, wakeAt.getTime() - Date.now()));
          continue;
        }
        await this.executions.save(execution, pending.splice(0), this.owner, { release: true, wakeAt });
        if (wakeAt) await this.schedule(execution.executionId, wakeAt, 'wake');
        return;
      }
      const outcome = await interpreter.advance(execution.runtime, frame, sink, this.tasks);
      if (outcome) return this.finish(execution, pending, outcome);
      await this.executions.save(execution, pending.splice(0), this.owner, { release: false });
    }
  }

  private async finish(execution: LeasedExecution, events: HistoryEvent[], outcome: ExecutionOutcome): Promise<void> {
    execution.status = outcome.status;
    execution.stoppedAt = new Date().toISOString();
    if (outcome.status === ExecutionStatus.SUCCEEDED) execution.output = outcome.output;
    else Object.assign(execution, { error: outcome.error, cause: outcome.cause });
    await this.executions.save(execution, events.splice(0), this.owner, { release: true });
    this.metrics.finished(execution);
    if (outcome.status !== ExecutionStatus.SUCCEEDED) {
      this.logger.warn(`Execution ${execution.executionId} of ${execution.workflowName} ${outcome.status}: ${outcome.error} ${outcome.cause}`);
    }
  }
}

function earliest(wake: Date | undefined, deadline: string | null): Date | undefined {
  const times = [wake?.getTime(), deadline ? Date.parse(deadline) : undefined].filter((t): t is number => t !== undefined);
  return times.length ? new Date(Math.min(...times)) : undefined;
}
