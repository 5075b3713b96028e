import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { configureApp } from '../src/bootstrap/configure-app';
import { deadLetterQueueOf } from '../src/common/queue/queue-definition';
import { DEAD_LETTER_ATTEMPTS_ATTRIBUTE, Queue, QUEUE } from '../src/common/queue/queue.port';
import { QueueWorker } from '../src/infrastructure/queue/queue-worker.service';
import { appWithTestQueue, EchoBody, EchoConsumer, TEST_QUEUE } from './support/queue-test-module';
import { createTestDatabase, TestDatabase } from './support/test-database';

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The worker inside the booted app, on the embedded queue, with a test-only consumer. */
describe('Queue worker in the app (embedded queue)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let queue: Queue;
  let consumer: EchoConsumer;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await NestFactory.create<NestExpressApplication>(
      appWithTestQueue({ ...process.env, ...database.env, SEED_DEMO: 'false', WORKER_CONCURRENCY: '4' }),
      { bufferLogs: true, bodyParser: false },
    );
    configureApp(app);
    await app.init();
    app.get(QueueWorker).start();
    queue = app.get(QUEUE);
    consumer = app.get(EchoConsumer);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const handledTexts = () => consumer.handled.map((m) => m.body.text);

  it('consumes and acks messages as they are sent', async () => {
    const ids = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((text) => queue.send<EchoBody>(TEST_QUEUE, { text })));
    await eventually(() => (consumer.handled.length >= 6 ? true : undefined));
    expect(handledTexts().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(consumer.handled.map((m) => m.id).sort()).toEqual([...ids].sort());
    await eventually(async () => ((await queue.depth(TEST_QUEUE)).inFlight === 0 ? true : undefined));
    expect(await queue.depth(TEST_QUEUE)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('retries a failing message and then succeeds', async () => {
    await queue.send<EchoBody>(TEST_QUEUE, { text: 'flaky', failOn: [1] });
    const handled = await eventually(() => consumer.handled.find((m) => m.body.text === 'flaky'));
    expect(handled.attempt).toBe(2);
  });

  it('dead-letters a message that fails every attempt', async () => {
    await queue.send<EchoBody>(TEST_QUEUE, { text: 'poison', failOn: [1, 2] });
    await eventually(async () => ((await queue.depth(TEST_QUEUE)).deadLettered === 1 ? true : undefined));
    const [dead] = await queue.receive<EchoBody>(deadLetterQueueOf(TEST_QUEUE), { maxMessages: 1 });
    expect(dead.body.text).toBe('poison');
    expect(dead.attributes[DEAD_LETTER_ATTEMPTS_ATTRIBUTE]).toBe('2');
    expect(handledTexts()).not.toContain('poison');
  });

  it('exposes queue depth on /metrics, read at scrape time', async () => {
    await queue.send<EchoBody>(TEST_QUEUE, { text: 'later' }, { delaySeconds: 600 });
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toContain(`mercantil_queue_messages{queue="${TEST_QUEUE}",state="delayed"} 1`);
    expect(res.text).toMatch(/mercantil_queue_messages\{queue="order-processing",state="visible"\} 0/);
    expect(res.text).toMatch(new RegExp(`mercantil_queue_oldest_age_seconds\\{queue="${TEST_QUEUE}"\\} \\d`));
  });

  it('stops receiving on stop() and waits for handlers in flight', async () => {
    const worker = app.get(QueueWorker);
    await worker.stop();
    expect(worker.running).toBe(false);
    const before = consumer.handled.length;
    await queue.send<EchoBody>(TEST_QUEUE, { text: 'after stop' });
    await new Promise((r) => setTimeout(r, 400));
    expect(consumer.handled.length).toBe(before);
    worker.start();
    await eventually(() => consumer.handled.find((m) => m.body.text === 'after stop'));
  });
});
