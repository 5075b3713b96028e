import { Logger } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { CronSchedule } from '../../common/queue/cron-schedules';
import type { CronFires } from './cron-fires';

/** Replaces CRON_SCHEDULES when provided (globally), e.g. by a test. */
export const CRON_SCHEDULE_LIST = Symbol('CRON_SCHEDULE_LIST');

export const CRON_SCHEDULE_ATTRIBUTE = 'cron-schedule';
export const CRON_FIRE_TIME_ATTRIBUTE = 'cron-fire-time';

export interface CronSchedulerOptions {
  now?: () => Date;
  tickMs?: number;
}

/**
 * Enqueues cron fires (CronFires: on the embedded queue, the schedule's state row moves
 * forward in the same statement that inserts the message; on SQS, see QueueCronFires). Every
 * worker process runs one, and each fire is enqueued once. After downtime only the latest missed fire is enqueued,
 * and a schedule seen for the first time starts from its latest fire without sending it.
 */
export class CronScheduler {
  private readonly logger = new Logger(CronScheduler.name);
  private readonly lastFires = new Map<string, Date>();
  private readonly now: () => Date;
  private readonly tickMs: number;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(
    private readonly fires: CronFires,
    private readonly schedules: readonly CronSchedule[],
    options: CronSchedulerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.tickMs = options.tickMs ?? 1_000;
    const names = new Set<string>();
    for (const s of schedules) {
      if (names.has(s.name)) throw new Error(`Cron schedule "${s.name}" is declared twice`);
      names.add(s.name);
      if (s.cron.trim().split(/\s+/).length !== 5) throw new Error(`Cron schedule "${s.name}": "${s.cron}" must have 5 fields`);
      CronExpressionParser.parse(s.cron, { tz: 'UTC' });
    }
  }

  start(): void {
    if (this.timer || this.schedules.length === 0) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Enqueues every schedule's latest fire that is not enqueued yet. */
  tick(): Promise<void> {
    // One tick at a time: a slow database must not stack overlapping ticks.
    this.ticking ??= this.runTick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async runTick(): Promise<void> {
    const now = this.now();
    for (const schedule of this.schedules) {
      try {
        await this.fire(schedule, latestFire(schedule.cron, now));
      } catch (error) {
        this.logger.error({ schedule: schedule.name, err: error }, 'Cron tick failed; retrying on the next tick');
      }
    }
  }

  private async fire(schedule: CronSchedule, fireAt: Date): Promise<void> {
    let last = this.lastFires.get(schedule.name);
    if (!last) {
      last = await this.fires.initCronState(schedule.name, fireAt);
      this.lastFires.set(schedule.name, last);
    }
    if (fireAt <= last) return;
    const attributes = { [CRON_SCHEDULE_ATTRIBUTE]: schedule.name, [CRON_FIRE_TIME_ATTRIBUTE]: fireAt.toISOString() };
    const sent = await this.fires.sendCronFire(schedule.name, fireAt, schedule.queue, schedule.body, attributes);
    this.lastFires.set(schedule.name, fireAt);
    if (sent) this.logger.log({ schedule: schedule.name, fireAt: fireAt.toISOString() }, 'Cron fire enqueued');
  }
}

/** The latest fire at or before `now`. */
function latestFire(cron: string, now: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' }).prev().toDate();
}
