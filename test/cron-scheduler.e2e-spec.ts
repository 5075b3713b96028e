import { SQSClient } from '@aws-sdk/client-sqs';
import { CronSchedule } from '../src/common/queue/cron-schedules';
import { deadLetterQueueOf } from '../src/common/queue/queue-definition';
import type { Queue } from '../src/common/queue/queue.port';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { SqsQueueAdapter } from '../src/infrastructure/aws/sqs-queue.adapter';
import { QueueCronFires } from '../src/infrastructure/queue/cron-fires';
import { CRON_FIRE_TIME_ATTRIBUTE, CronScheduler } from '../src/infrastructure/queue/cron-scheduler.service';
import { PostgresQueueAdapter } from '../src/infrastructure/queue/postgres-queue.adapter';
import { TEST_QUEUE_DEFINITION } from './support/queue-test-module';
import { SqsModel } from './support/sqs-model';
import { createTestDatabase, TestDatabase } from './support/test-database';

const EVERY_MINUTE: CronSchedule = { name: 'minutely-report', cron: '* * * * *', queue: TEST_QUEUE_DEFINITION.name, body: { report: 'sales' } };

/** Takes every fire waiting on the test queue off it. */
async function drainFires(queue: Queue) {
  const messages = await queue.receive(TEST_QUEUE_DEFINITION.name, { maxMessages: 10 });
  await Promise.all(messages.map((m) => queue.ack(m)));
  return messages.map((m) => ({ body: m.body, fireTime: m.attributes[CRON_FIRE_TIME_ATTRIBUTE] }));
}

/** Two schedulers on one database stand for two worker processes. */
describe('Cron scheduler (embedded queue)', () => {
  let database: TestDatabase;
  let close: () => Promise<void>;
  let queue: PostgresQueueAdapter;
  let clock = new Date('2026-03-01T10:00:30Z');
  let schedulers: CronScheduler[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = await openDataSource(loadConfig(database.env));
    close = db.close;
    queue = new PostgresQueueAdapter(db.dataSource, { definitions: [TEST_QUEUE_DEFINITION] });
    schedulers = [1, 2].map(() => new CronScheduler(queue, [EVERY_MINUTE], { now: () => clock }));
  });

  afterAll(async () => {
    await close?.();
    await database?.drop();
  });

  const drain = () => drainFires(queue);
  const tickAll = () => Promise.all(schedulers.map((s) => s.tick()));

  it('starts from the latest fire without sending it', async () => {
    await tickAll();
    expect(await drain()).toEqual([]);
  });

  it('enqueues each fire once across processes, even after the first copy was consumed', async () => {
    clock = new Date('2026-03-01T10:01:02Z');
    await schedulers[0].tick();
    expect(await drain()).toEqual([{ body: { report: 'sales' }, fireTime: '2026-03-01T10:01:00.000Z' }]);
    await schedulers[1].tick();
    await tickAll();
    expect(await drain()).toEqual([]);
  });

  it('catches up only the latest missed fire after downtime', async () => {
    clock = new Date('2026-03-01T10:07:40Z');
    await tickAll();
    expect(await drain()).toEqual([{ body: { report: 'sales' }, fireTime: '2026-03-01T10:07:00.000Z' }]);
  });

  it('refuses cron expressions that are not 5 fields', () => {
    expect(() => new CronScheduler(queue, [{ ...EVERY_MINUTE, cron: '0 * * * * *' }])).toThrow(/5 fields/);
  });
});

/**
 * CRON_SCHEDULER=embedded with SQS (the compose stack): the state stays in the database and the
 * message goes to SQS (here the in-memory SQS model behind the real SDK client).
 */
describe('Cron scheduler (SQS queue, state in the database)', () => {
  const PREFIX = 'https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil-';
  let database: TestDatabase;
  let close: () => Promise<void>;
  let client: SQSClient;
  let queue: SqsQueueAdapter;
  let clock = new Date('2026-03-01T10:00:30Z');
  let schedulers: CronScheduler[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = await openDataSource(loadConfig(database.env));
    close = db.close;
    const model = new SqsModel([`${PREFIX}${TEST_QUEUE_DEFINITION.name}`, `${PREFIX}${deadLetterQueueOf(TEST_QUEUE_DEFINITION.name)}`]);
    client = new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    model.attach(client);
    queue = new SqsQueueAdapter(client, { queueUrlPrefix: PREFIX, definitions: [TEST_QUEUE_DEFINITION] });
    schedulers = [1, 2].map(() => new CronScheduler(new QueueCronFires(db.dataSource, queue), [EVERY_MINUTE], { now: () => clock }));
  });

  afterAll(async () => {
    client?.destroy();
    await close?.();
    await database?.drop();
  });

  const drain = () => drainFires(queue);

  it('sends each fire once across processes, ticking at the same time', async () => {
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(await drain()).toEqual([]);
    clock = new Date('2026-03-01T10:01:05Z');
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(await drain()).toEqual([{ body: { report: 'sales' }, fireTime: '2026-03-01T10:01:00.000Z' }]);
  });

  it('sends a fire whose send failed at the next tick', async () => {
    clock = new Date('2026-03-01T10:02:01Z');
    const send = jest.spyOn(client, 'send');
    send.mockImplementationOnce(async () => {
      throw new Error('SQS is unreachable');
    });
    await schedulers[0].tick();
    send.mockRestore();
    expect(await drain()).toEqual([]);
    await schedulers[1].tick();
    expect(await drain()).toEqual([{ body: { report: 'sales' }, fireTime: '2026-03-01T10:02:00.000Z' }]);
  });
});
