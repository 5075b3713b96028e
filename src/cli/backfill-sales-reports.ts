import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { ConfigValidationError } from '../config/app-config';
import { BuildDailyReportsCommand, type DailyReportsResult } from '../modules/sales';
import { ProgressBar } from './progress-bar';

const USAGE = `Rebuilds the daily sales reports (lake files and summary rows) of every day from --from to --to
(inclusive, UTC), for every tenant with sales or just --tenant. Re-running a day replaces its reports.

  npm run sales:backfill -- --from 2026-01-01 --to 2026-01-31 [--tenant t1]

Progress goes to stderr; a JSON summary per day to stdout.`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3660;

export function daysBetween(from: string, to: string): string[] {
  if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
    throw new ConfigValidationError('--from and --to must be dates YYYY-MM-DD');
  }
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  if (days.length === 0) throw new ConfigValidationError('--to must not be before --from');
  if (days.length > MAX_DAYS) throw new ConfigValidationError(`At most ${MAX_DAYS} days per run`);
  return days;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, tenant: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help || !values.from || !values.to) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const days = daysBetween(values.from, values.to);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const commands = app.get(CommandBus);
    const bar = new ProgressBar(days.length);
    const totals = { days: days.length, sales: 0, reports: 0 };
    for (const day of days) {
      const result: DailyReportsResult = await commands.execute(new BuildDailyReportsCommand(day, values.tenant));
      totals.sales += result.sales;
      totals.reports += result.reports;
      console.log(JSON.stringify(result));
      bar.tick(day);
    }
    console.error(`Rebuilt ${totals.days} days: ${totals.sales} sales, ${totals.reports} supplier reports`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  });
}
