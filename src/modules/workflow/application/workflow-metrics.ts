import { Inject, Injectable } from '@nestjs/common';
import { CounterMetric, HistogramMetric, METRICS, Metrics } from '../../../common/metrics/metrics.port';
import { Execution, ExecutionStatus } from '../domain/execution';

type Labels = 'workflow' | 'status';

/** Finished executions by outcome: the workflow-failure alarm and the fulfilment dashboard read these. */
@Injectable()
export class WorkflowMetrics {
  private readonly finishedTotal: CounterMetric<Labels>;
  private readonly failedTotal: CounterMetric<Labels>;
  private readonly duration: HistogramMetric<Labels>;

  constructor(@Inject(METRICS) metrics: Metrics) {
    this.finishedTotal = metrics.counter({
      name: 'mercantil_workflow_executions_total',
      help: 'Workflow executions that finished, by workflow and final status',
      labelNames: ['workflow', 'status'],
    });
    this.failedTotal = metrics.counter({
      name: 'mercantil_workflow_failures_total',
      help: 'Workflow executions that ended FAILED or TIMED_OUT, by workflow and status',
      labelNames: ['workflow', 'status'],
    });
    this.duration = metrics.histogram({
      name: 'mercantil_workflow_execution_duration_seconds',
      help: 'Time from execution start to its final status',
      labelNames: ['workflow', 'status'],
      unit: 'Seconds',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    });
  }

  finished(execution: Execution): void {
    const labels = { workflow: execution.workflowName, status: execution.status };
    this.finishedTotal.inc(labels);
    if (execution.status !== ExecutionStatus.SUCCEEDED) this.failedTotal.inc(labels);
    const seconds = (Date.parse(execution.stoppedAt ?? '') - Date.parse(execution.startedAt)) / 1000;
    if (Number.isFinite(seconds)) this.duration.observe(labels, seconds);
  }
}
