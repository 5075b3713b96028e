import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { CacheMetrics } from '../../infrastructure/cache/cache-metrics';
import { PrometheusMetrics } from '../../infrastructure/observability/prometheus-metrics.adapter';
import { createInMemoryCache } from '../../infrastructure/cache/in-memory-cache.adapter';
import { Cache, CACHE } from './cache.port';
import { Cached } from './cached.decorator';

class ReportQuery {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string,
  ) {}
}

@Injectable()
class ReportHandler {
  readonly computed: string[] = [];

  @Cached({ namespace: 'sales.reports', key: (q: ReportQuery) => [q.tenantId, q.supplierId], tags: (q) => [`sales:${q.tenantId}:${q.supplierId}`] })
  async execute(q: ReportQuery): Promise<{ supplier: string; total: string; run: number }> {
    this.computed.push(`${q.tenantId}/${q.supplierId}`);
    return { supplier: q.supplierId, total: '10.00', run: this.computed.length };
  }
}

describe('@Cached', () => {
  let app: INestApplicationContext;
  let handler: ReportHandler;
  let cache: Cache;

  beforeEach(async () => {
    cache = createInMemoryCache({ maxEntries: 100, defaultTtlSeconds: 60, metrics: new CacheMetrics(new PrometheusMetrics(new Registry())) });
    @Module({ providers: [ReportHandler, { provide: CACHE, useValue: cache }] })
    class ReportModule {}
    app = await NestFactory.createApplicationContext(ReportModule, { logger: false });
    handler = app.get(ReportHandler);
  });
  afterEach(() => app.close());

  it('answers repeated calls from the cache, keyed per tenant and argument', async () => {
    const first = await handler.execute(new ReportQuery('t1', 's1'));
    expect(await handler.execute(new ReportQuery('t1', 's1'))).toEqual(first);
    await handler.execute(new ReportQuery('t2', 's1'));
    expect(handler.computed).toEqual(['t1/s1', 't2/s1']);
    expect(await cache.namespace('sales.reports').get('t1:s1')).toEqual(first);
  });

  it('recomputes after the tag of its data is invalidated, leaving other tenants cached', async () => {
    await handler.execute(new ReportQuery('t1', 's1'));
    await handler.execute(new ReportQuery('t2', 's1'));
    await cache.invalidateTags(['sales:t1:s1']);
    expect((await handler.execute(new ReportQuery('t1', 's1'))).run).toBe(3);
    expect((await handler.execute(new ReportQuery('t2', 's1'))).run).toBe(2);
  });
});
