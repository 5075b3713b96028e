import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { EXECUTION_REPOSITORY, ExecutionRepository } from '../domain/execution-repository.port';
import { ExecutionRunner } from './execution-runner';

const BATCH = 100;

/**
 * Finds executions whose worker died (lease expired, nothing scheduled) and queues
 * them again. The queue's own redelivery would get there too, but only after its
 * visibility timeout; this bounds recovery by the much shorter lease.
 */
@Injectable()
export class ExecutionRecovery implements OnApplicationShutdown {
  private readonly logger = new Logger(ExecutionRecovery.name);
  private timer?: NodeJS.Timeout;
  private readonly idleSeconds: number;

  constructor(
    @Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runner: ExecutionRunner,
  ) {
    this.idleSeconds = config.workflow.leaseSeconds;
  }

  start(): void {
    if (this.timer) return;
    const everyMs = Math.min(10_000, Math.max(1_000, (this.idleSeconds * 1000) / 2));
    this.timer = setInterval(() => void this.sweep(), everyMs);
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async sweep(): Promise<number> {
    try {
      const stalled = await this.executions.stalled(this.idleSeconds, BATCH);
      for (const executionId of stalled) await this.runner.schedule(executionId, undefined, `recover-${Date.now()}`);
      if (stalled.length > 0) this.logger.warn(`Re-queued ${stalled.length} stalled workflow execution(s)`);
      return stalled.length;
    } catch (error) {
      this.logger.error(`Recovery sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
