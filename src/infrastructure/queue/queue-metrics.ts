import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MetricLabels, METRICS, Metrics } from '../../common/metrics/metrics.port';
import { QueueDefinition } from '../../common/queue/queue-definition';
import { Queue, QUEUE, QueueDepth } from '../../common/queue/queue.port';
import { QUEUE_DEFINITION_LIST } from './queue-definition-list';

/** Concurrent collects of one scrape share one depth read per queue. */
const DEPTH_CACHE_MS = 1_000;

const STATES = { visible: 'visible', inFlight: 'in_flight', delayed: 'delayed', deadLettered: 'dead_lettered' } as const;

/**
 * Queue depth and age as gauges read from the queue when /metrics is scraped. EMF does not
 * poll them: on AWS, SQS publishes the same figures to CloudWatch itself.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly logger = new Logger(QueueMetrics.name);
  private cached?: { at: number; depths: Promise<Map<string, QueueDepth>> };

  constructor(
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(QUEUE_DEFINITION_LIST) private readonly definitions: readonly QueueDefinition[],
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge({
      name: 'mercantil_queue_messages',
      help: 'Messages per queue and state (visible, in_flight, delayed, dead_lettered)',
      labelNames: ['queue', 'state'],
      unit: 'Count',
      collect: async () =>
        [...(await this.depths())].flatMap(([queue, d]) =>
          Object.entries(STATES).map(([field, state]): [MetricLabels<'queue' | 'state'>, number] => [{ queue, state }, d[field as keyof typeof STATES]]),
        ),
    });
    this.metrics.gauge({
      name: 'mercantil_queue_oldest_age_seconds',
      help: 'Age of the oldest message not yet acked (0 on SQS, which reports it only to CloudWatch)',
      labelNames: ['queue'],
      unit: 'Seconds',
      collect: async () => [...(await this.depths())].map(([queue, d]): [MetricLabels<'queue'>, number] => [{ queue }, d.oldestAgeSeconds]),
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
