import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '../../../infrastructure/observability/metrics.registry';
import { Execution } from '../domain/execution';

/** Finished executions by outcome: the workflow-failure alarm and the fulfilment dashboard read these. */
@Injectable()
export class WorkflowMetrics {
  private readonly finishedTotal: Counter<'workflow' | 'status'>;
  private readonly duration: Histogram<'workflow' | 'status'>;

  constructor(metrics: MetricsRegistry) {
    this.finishedTotal = new Counter({
      name: 'mercantil_workflow_executions_total',
      help: 'Workflow executions that finished, by workflow and final status',
      labelNames: ['workflow', 'status'],
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'mercantil_workflow_execution_duration_seconds',
      help: 'Time from execution start to its final status',
      labelNames: ['workflow', 'status'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
      registers: [metrics.registry],
    });
  }

  finished(execution: Execution): void {
    const labels = { workflow: execution.workflowName, status: execution.status };
    this.finishedTotal.inc(labels);
    const seconds = (Date.parse(execution.stoppedAt ?? '') - Date.parse(execution.startedAt)) / 1000;
    if (Number.isFinite(seconds)) this.duration.observe(labels, seconds);
  }
}
