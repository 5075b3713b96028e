import { deadLetterQueueOf, QueueDefinition } from '../../src/common/queue/queue-definition';
import {
  DEAD_LETTER_ATTEMPTS_ATTRIBUTE,
  DEAD_LETTER_ERROR_ATTRIBUTE,
  Queue,
  QueueMessage,
} from '../../src/common/queue/queue.port';
import { OrderedQueueSendError, UnknownQueueError } from '../../src/infrastructure/queue/queue-policy';

export interface QueueHarness {
  queue: Queue;
  /** Behaviour this backend cannot offer, with the reason printed when its cases are skipped. */
  limits?: { deduplication?: string; oldestAge?: string };
  close(): Promise<void>;
}

export interface QueueHarnessOptions {
  definitions: QueueDefinition[];
  /** Jitter source the adapter must use for retry backoff. */
  random: () => number;
}

const QUEUES = Array.from({ length: 24 }, (_, i) => `contract-${i}`);
const ORDERED_QUEUES = Array.from({ length: 8 }, (_, i) => `contract-ordered-${i}`);
/** Short enough to exercise redelivery in a test, and whole seconds so SQS accepts it. */
const VISIBILITY_SECONDS = 1;
const MAX_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The behaviour every Queue adapter must share. */
export function describeQueueContract(name: string, open: (options: QueueHarnessOptions) => Promise<QueueHarness>): void {
  describe(`Queue contract: ${name}`, () => {
    let harness: QueueHarness;
    let queue: Queue;
    let jitter: () => number = Math.random;
    let next = 0;
    /** Each case gets its own queue, so no case sees another's leftovers. */
    const fresh = () => QUEUES[next++];
    let nextOrdered = 0;
    const freshOrdered = () => ORDERED_QUEUES[nextOrdered++];

    beforeAll(async () => {
      const policy = { visibilityTimeoutSeconds: VISIBILITY_SECONDS, maxAttempts: MAX_ATTEMPTS, backoff: { initialSeconds: 1, maxSeconds: 4 } };
      harness = await open({
        definitions: [...QUEUES.map((q) => ({ name: q, ...policy })), ...ORDERED_QUEUES.map((q) => ({ name: q, ...policy, ordered: true }))],
        random: () => jitter(),
      });
      queue = harness.queue;
    });
    afterAll(() => harness?.close());
    afterEach(() => (jitter = Math.random));

    const receiveOne = async (q: string) => {
      const got = await queue.receive<Record<string, unknown>>(q, { maxMessages: 1 });
      expect(got).toHaveLength(1);
      return got[0];
    };

    it('delivers a message with its body and attributes, and never again once acked', async () => {
      const q = fresh();
      const id = await queue.send(q, { orderId: 'o-1', amount: '12.50', nested: [1, null] }, { attributes: { tenant: 't1' } });
      const message = await receiveOne(q);
      expect(message).toMatchObject({ id, queue: q, body: { orderId: 'o-1', amount: '12.50', nested: [1, null] }, attempt: 1 });
      expect(message.attributes).toEqual({ tenant: 't1' });
      expect(Math.abs(message.sentAt.getTime() - Date.now())).toBeLessThan(5_000);
      await queue.ack(message);
      await sleep(VISIBILITY_SECONDS * 1000 + 200);
      expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
      expect(await queue.depth(q)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0, oldestAgeSeconds: 0 });
    });

    it('hands out each message once while it is in flight, in batches of up to maxMessages', async () => {
      const q = fresh();
      const sent = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.send(q, { n })));
      const first = await queue.receive(q, { maxMessages: 3 });
      const second = await queue.receive(q, { maxMessages: 10 });
      expect(first).toHaveLength(3);
      expect([...first, ...second].map((m) => m.id).sort()).toEqual([...sent].sort());
      expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
    });

    it('redelivers a message nobody acked once its visibility timeout expires, with a new receipt', async () => {
      const q = fresh();
      await queue.send(q, 'crash me');
      const first = await receiveOne(q);
      expect(await queue.receive(q, { maxMessages: 1 })).toEqual([]);
      await sleep(VISIBILITY_SECONDS * 1000 + 200);
      const again = await receiveOne(q);
      expect(again).toMatchObject({ id: first.id, body: 'crash me', attempt: 2 });
      expect(again.receipt).not.toBe(first.receipt);
    });

    it('ignores ack and retry with a stale receipt once the message went to another consumer', async () => {
      const q = fresh();
      await queue.send(q, { n: 1 });
      const stale = await receiveOne(q);
      await sleep(VISIBILITY_SECONDS * 1000 + 200);
      const current = await receiveOne(q);
      await queue.ack(stale);
      expect(await queue.retry(stale, 'late failure')).toEqual({ outcome: 'stale' });
      expect(await queue.depth(q)).toMatchObject({ visible: 0, inFlight: 1 });
      await queue.ack(current);
      expect(await queue.depth(q)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    });

    it('retries with exponential backoff: hidden for the returned delay, then delivered again', async () => {
      const q = fresh();
      await queue.send(q, { n: 1 });
      jitter = () => 1; // the top of the jitter range: exactly initial * 2^(attempt-1)
      const first = await receiveOne(q);
      expect(await queue.retry(first, 'boom')).toEqual({ outcome: 'retried', delaySeconds: 1 });
      expect(await queue.receive(q, { maxMessages: 1 })).toEqual([]);
      expect(await queue.depth(q)).toMatchObject({ visible: 0, inFlight: 1 });
      await sleep(1_200);
      const second = await receiveOne(q);
      expect(second.attempt).toBe(2);
      expect(await queue.retry(second, 'boom')).toEqual({ outcome: 'retried', delaySeconds: 2 });
    });

    it('keeps backoff delays within the full-jitter bounds', async () => {
      const q = fresh();
      await queue.send(q, { n: 1 });
      jitter = () => 0.5;
      const message = await receiveOne(q);
      const outcome = await queue.retry(message, 'boom');
      if (outcome.outcome !== 'retried') throw new Error(`expected a retry, got ${outcome.outcome}`);
      // Half of the 1 s cap; an adapter that only takes whole seconds may round up to 1.
      expect(outcome.delaySeconds).toBeGreaterThanOrEqual(0.5);
      expect(outcome.delaySeconds).toBeLessThanOrEqual(1);
    });

    it('moves a message to the dead-letter queue after maxAttempts, keeping body, attributes, error and attempts', async () => {
      const q = fresh();
      await queue.send(q, { orderId: 'poison' }, { attributes: { tenant: 't9', kind: 'order' } });
      jitter = () => 0; // no backoff, so the attempts run back to back
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        const message = await receiveOne(q);
        expect(message.attempt).toBe(attempt);
        expect(await queue.retry(message, `failure ${attempt}`)).toEqual({ outcome: 'retried', delaySeconds: 0 });
      }
      const last = await receiveOne(q);
      expect(await queue.retry(last, 'TypeError: cannot read total')).toEqual({ outcome: 'dead-lettered' });
      expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
      expect(await queue.depth(q)).toMatchObject({ visible: 0, inFlight: 0, deadLettered: 1 });
      const [dead] = await queue.receive(deadLetterQueueOf(q), { maxMessages: 10 });
      expect(dead.body).toEqual({ orderId: 'poison' });
      expect(dead.attributes).toEqual({
        tenant: 't9',
        kind: 'order',
        [DEAD_LETTER_ERROR_ATTRIBUTE]: 'TypeError: cannot read total',
        [DEAD_LETTER_ATTEMPTS_ATTRIBUTE]: String(MAX_ATTEMPTS),
      });
    });

    it('holds a delayed message back until its delay has passed', async () => {
      const q = fresh();
      await queue.send(q, { late: true }, { delaySeconds: 1 });
      expect(await queue.receive(q, { maxMessages: 1 })).toEqual([]);
      expect(await queue.depth(q)).toMatchObject({ visible: 0, inFlight: 0, delayed: 1 });
      const started = Date.now();
      const got = await queue.receive(q, { maxMessages: 1, waitSeconds: 6 });
      expect(got.map((m) => m.body)).toEqual([{ late: true }]);
      expect(Date.now() - started).toBeGreaterThan(500);
      // Well before the wait's end: the delay released it, with room for a busy machine.
      expect(Date.now() - started).toBeLessThan(4_500);
    });

    it('deduplicates sends with the same deduplicationId while the first is pending or in flight', async () => {
      if (harness.limits?.deduplication) {
        console.warn(`${name}: deduplication not checked: ${harness.limits.deduplication}`);
        return;
      }
      const q = fresh();
      const first = await queue.send(q, { n: 1 }, { deduplicationId: 'cron:daily:2026-03-01' });
      expect(await queue.send(q, { n: 2 }, { deduplicationId: 'cron:daily:2026-03-01' })).toBe(first);
      const message = await receiveOne(q);
      expect(await queue.send(q, { n: 3 }, { deduplicationId: 'cron:daily:2026-03-01' })).toBe(first);
      const other = await queue.send(q, { n: 4 }, { deduplicationId: 'cron:daily:2026-03-02' });
      expect(other).not.toBe(first);
      await queue.ack(message);
      const afterAck = await queue.send(q, { n: 5 }, { deduplicationId: 'cron:daily:2026-03-01' });
      expect(afterAck).not.toBe(first);
      const bodies = (await queue.receive<{ n: number }>(q, { maxMessages: 10 })).map((m) => m.body.n).sort();
      expect(bodies).toEqual([4, 5]);
    });

    it('reports depth by state', async () => {
      const q = fresh();
      await queue.send(q, { n: 1 });
      await queue.send(q, { n: 2 });
      await queue.send(q, { n: 3 });
      await queue.send(q, { n: 4 }, { delaySeconds: 60 });
      await queue.receive(q, { maxMessages: 1 });
      const depth = await queue.depth(q);
      expect(depth).toMatchObject({ visible: 2, inFlight: 1, delayed: 1, deadLettered: 0 });
      if (harness.limits?.oldestAge) console.warn(`${name}: oldest message age not checked: ${harness.limits.oldestAge}`);
      else expect(depth.oldestAgeSeconds).toBeGreaterThan(0);
      expect(depth.oldestAgeSeconds).toBeLessThan(10);
    });

    it('returns from a long poll as soon as a message arrives, and empty at the deadline otherwise', async () => {
      const q = fresh();
      let started = Date.now();
      expect(await queue.receive(q, { maxMessages: 1, waitSeconds: 1 })).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);

      started = Date.now();
      const waiting = queue.receive(q, { maxMessages: 1, waitSeconds: 10 });
      await sleep(300);
      await queue.send(q, { wake: 'up' });
      const got = await waiting;
      expect(got.map((m) => m.body)).toEqual([{ wake: 'up' }]);
      // Far from the 10 s wait: the send woke it.
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('never gives the same in-flight message to two concurrent receivers', async () => {
      const q = fresh();
      const sent = await Promise.all(Array.from({ length: 40 }, (_, n) => queue.send(q, { n })));
      const received: QueueMessage[] = [];
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (;;) {
            const batch = await queue.receive(q, { maxMessages: 4 });
            if (batch.length === 0) return;
            received.push(...batch);
          }
        }),
      );
      expect(received.map((m) => m.id).sort()).toEqual([...sent].sort());
    });

    describe('ordered queues', () => {
      const bodiesOf = (messages: QueueMessage[]) => messages.map((m) => m.body);

      it('delivers a group one message at a time, in send order', async () => {
        const q = freshOrdered();
        for (const n of [1, 2, 3, 4]) await queue.send(q, { n }, { groupId: 'tenant-a' });
        const seen: unknown[] = [];
        for (let i = 0; i < 4; i++) {
          const batch = await queue.receive(q, { maxMessages: 10 });
          expect(batch).toHaveLength(1);
          seen.push(batch[0].body);
          await queue.ack(batch[0]);
        }
        expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
        expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
      });

      it('holds a later member back while an earlier one is in flight, without blocking other groups', async () => {
        const q = freshOrdered();
        await queue.send(q, { a: 1 }, { groupId: 'a' });
        await queue.send(q, { a: 2 }, { groupId: 'a' });
        await queue.send(q, { b: 1 }, { groupId: 'b' });
        const first = await queue.receive(q, { maxMessages: 10 });
        expect(bodiesOf(first)).toEqual(expect.arrayContaining([{ a: 1 }, { b: 1 }]));
        expect(first).toHaveLength(2);
        expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
        await queue.send(q, { c: 1 }, { groupId: 'c' });
        expect(bodiesOf(await queue.receive(q, { maxMessages: 10 }))).toEqual([{ c: 1 }]);
        await queue.ack(first.find((m) => (m.body as { a?: number }).a === 1)!);
        expect(bodiesOf(await queue.receive(q, { maxMessages: 10 }))).toEqual([{ a: 2 }]);
      });

      it('holds a later member back while an earlier one waits for its retry, then delivers them in order', async () => {
        const q = freshOrdered();
        await queue.send(q, { n: 1 }, { groupId: 'g' });
        await queue.send(q, { n: 2 }, { groupId: 'g' });
        jitter = () => 1;
        const first = await receiveOne(q);
        expect(await queue.retry(first, 'boom')).toEqual({ outcome: 'retried', delaySeconds: 1 });
        expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
        await sleep(1_200);
        const again = await receiveOne(q);
        expect(again).toMatchObject({ id: first.id, body: { n: 1 }, attempt: 2 });
        await queue.ack(again);
        expect(bodiesOf(await queue.receive(q, { maxMessages: 10 }))).toEqual([{ n: 2 }]);
      });

      it('frees the group when its head is dead-lettered', async () => {
        const q = freshOrdered();
        await queue.send(q, { n: 1 }, { groupId: 'g' });
        await queue.send(q, { n: 2 }, { groupId: 'g' });
        jitter = () => 0;
        for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
          const message = await receiveOne(q);
          expect(message.body).toEqual({ n: 1 });
          await queue.retry(message, `failure ${attempt}`);
        }
        expect(await queue.retry(await receiveOne(q), 'poison')).toEqual({ outcome: 'dead-lettered' });
        expect(bodiesOf(await queue.receive(q, { maxMessages: 10 }))).toEqual([{ n: 2 }]);
        expect(bodiesOf(await queue.receive(deadLetterQueueOf(q), { maxMessages: 10 }))).toEqual([{ n: 1 }]);
      });

      it('refuses a send without a group, or with a delay', async () => {
        const q = freshOrdered();
        await expect(queue.send(q, { n: 1 })).rejects.toBeInstanceOf(OrderedQueueSendError);
        await expect(queue.send(q, { n: 1 }, { groupId: 'g', delaySeconds: 5 })).rejects.toBeInstanceOf(OrderedQueueSendError);
        expect(await queue.receive(q, { maxMessages: 10 })).toEqual([]);
      });
    });

    it('refuses queues it has no definition for', async () => {
      await expect(queue.send('no-such-queue', {})).rejects.toBeInstanceOf(UnknownQueueError);
      await expect(queue.receive('no-such-queue', { maxMessages: 1 })).rejects.toBeInstanceOf(UnknownQueueError);
    });
  });
}
