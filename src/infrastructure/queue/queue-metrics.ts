import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { QueueDefinition } from '../../common/queue/queue-definition';
import { Queue, QUEUE, QueueDepth } from '../../common/queue/queue.port';
import { MetricsRegistry } from '../observability/metrics.registry';
import { QUEUE_DEFINITION_LIST } from './queue-definition-list';

/** Concurrent collects of one scrape share one depth read per queue. */
const DEPTH_CACHE_MS = 1_000;

/** Queue depth as Prometheus gauges, read from the queue when /metrics is scraped. */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly logger = new Logger(QueueMetrics.name);
  private cached?: { at: number; depths: Promise<Map<string, QueueDepth>> };

  constructor(
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(QUEUE_DEFINITION_LIST) private readonly definitions: readonly QueueDefinition[],
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    const read = () => this.depths();
    new Gauge({
      name: 'mercantil_queue_messages',
      help: 'Messages per queue and state (visible, in_flight, delayed, dead_lettered)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const [queue, d] of await read()) {
          this.set({ queue, state: 'visible' }, d.visible);
          this.set({ queue, state: 'in_flight' }, d.inFlight);
          this.set({ queue, state: 'delayed' }, d.delayed);
          this.set({ queue, state: 'dead_lettered' }, d.deadLettered);
        }
      },
    });
    new Gauge({
      name: 'mercantil_queue_oldest_age_seconds',
      help: 'Age of the oldest message not yet acked (0 on SQS, which reports it only to CloudWatch)',
      labelNames: ['queue'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const [queue, d] of await read()) this.set({ queue }, d.oldestAgeSeconds);
      },
    });
  }

  private depths(): Promise<Map<string, QueueDepth>> {
    if (this.cached && Date.now() - this.cached.at < DEPTH_CACHE_MS) return this.cached.depths;
    const depths = (async () => {
      const result = new Map<string, QueueDepth>();
      for (const { name } of this.definitions) {
        try {
          result.set(name, await this.queue.depth(name));
        } catch (error) {
          // A scrape must still answer: the queue is left out rather than failing /metrics.
          this.logger.warn({ queue: name, err: error }, 'Queue depth unavailable');
        }
      }
      return result;
    })();
    this.cached = { at: Date.now(), depths };
    return depths;
  }
}
