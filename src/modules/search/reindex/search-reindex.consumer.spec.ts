import type { QueueMessage } from '../../../common/queue/queue.port';
import type { ReindexJob, ReindexJobRepository } from '../domain/reindex-job';
import type { IndexChange } from '../domain/search-documents';
import type { ReindexTarget, SearchIndex } from '../domain/search-index.port';
import type { ReindexSource } from './reindex-source';
import { SearchReindexConsumer, SearchReindexMessage } from './search-reindex.consumer';

const change = (sku: string): IndexChange => ({
  kind: 'product', op: 'upsert',
  document: { tenantId: 't', sku, name: sku, description: null, brand: null, category: null, price: null, currency: null, supplierId: null, gtin: null, updatedAt: '2024-01-01T00:00:00.000Z', version: 1 },
});

/** Records what the consumer does to the index; `failLoads` loads throw first, as a crash would. */
class FakeIndex implements Partial<SearchIndex> {
  generations = 0;
  calls: string[] = [];
  loaded = new Map<string, string[]>();
  constructor(public failLoads = 0) {}
  async beginReindex(): Promise<ReindexTarget> {
    const generation = `g${++this.generations}`;
    this.calls.push(`begin ${generation}`);
    return { generation };
  }
  async load(_t: string, target: ReindexTarget, changes: readonly IndexChange[]): Promise<void> {
    if (this.failLoads-- > 0) throw new Error('connection lost');
    this.loaded.set(target.generation, [...(this.loaded.get(target.generation) ?? []), ...changes.map((c) => (c.kind === 'product' && c.op === 'upsert' ? c.document.sku : ''))]);
  }
  async activate(_t: string, target: ReindexTarget): Promise<void> {
    this.calls.push(`activate ${target.generation}`);
  }
  async abandon(_t: string, target: ReindexTarget): Promise<void> {
    this.calls.push(`abandon ${target.generation}`);
  }
}

class FakeJobs implements ReindexJobRepository {
  job: ReindexJob = {
    jobId: 'job', tenantId: 't', status: 'queued', processed: 0, total: null, generation: null, error: null, createdAt: '', startedAt: null, finishedAt: null,
  };
  async create(): Promise<ReindexJob | null> {
    return this.job;
  }
  async get(tenantId: string, jobId: string): Promise<ReindexJob | null> {
    return tenantId === this.job.tenantId && jobId === this.job.jobId ? { ...this.job } : null;
  }
  async start(_id: string, generation: string): Promise<void> {
    Object.assign(this.job, { status: 'running', processed: 0, generation });
  }
  async progress(_id: string, processed: number): Promise<void> {
    this.job.processed = processed;
  }
  async complete(_id: string, total: number): Promise<void> {
    Object.assign(this.job, { status: 'completed', processed: total, total });
  }
  async fail(_id: string, error: string): Promise<void> {
    Object.assign(this.job, { status: 'failed', error });
  }
}

const source = {
  async *pages() {
    yield [change('A'), change('B')];
    yield [change('C')];
  },
} as unknown as ReindexSource;

const delivery = (attempt: number): QueueMessage<SearchReindexMessage> => ({
  id: 'm', queue: 'search-reindex', body: { tenantId: 't', jobId: 'job' }, attributes: {}, attempt, receipt: 'r', sentAt: new Date(),
});

describe('SearchReindexConsumer', () => {
  it('loads every page into a new generation, then swaps and completes the job', async () => {
    const [index, jobs] = [new FakeIndex(), new FakeJobs()];
    await new SearchReindexConsumer(index as unknown as SearchIndex, jobs, source).handle(delivery(1));
    expect(index.calls).toEqual(['begin g1', 'activate g1']);
    expect(index.loaded.get('g1')).toEqual(['A', 'B', 'C']);
    expect(jobs.job).toMatchObject({ status: 'completed', processed: 3, total: 3, generation: 'g1' });
  });

  it('converges on a redelivery: the generation a crashed delivery left is abandoned and the rebuild starts over', async () => {
    const [index, jobs] = [new FakeIndex(), new FakeJobs()];
    const consumer = new SearchReindexConsumer(index as unknown as SearchIndex, jobs, source);
    // A process that died mid-load leaves the job running with its generation recorded.
    await jobs.start('job', 'g-crashed');
    await consumer.handle(delivery(2));
    expect(index.calls).toEqual(['abandon g-crashed', 'begin g1', 'activate g1']);
    expect(index.loaded.get('g1')).toEqual(['A', 'B', 'C']);
    expect(jobs.job.status).toBe('completed');
    await consumer.handle(delivery(3));
    expect(index.calls).toHaveLength(3);
  });

  it('retries a failure while attempts remain, and marks the job failed on the last', async () => {
    const [index, jobs] = [new FakeIndex(2), new FakeJobs()];
    const consumer = new SearchReindexConsumer(index as unknown as SearchIndex, jobs, source);
    await expect(consumer.handle(delivery(1))).rejects.toThrow('connection lost');
    expect(jobs.job.status).toBe('running');
    await consumer.handle(delivery(3));
    expect(index.calls).toEqual(['begin g1', 'abandon g1', 'abandon g1', 'begin g2', 'abandon g2']);
    expect(jobs.job).toMatchObject({ status: 'failed', error: 'connection lost' });
  });
});
