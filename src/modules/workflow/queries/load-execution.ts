import { NotFoundError } from '../../../common/errors/application-errors';
import { Execution } from '../domain/execution';
import { ExecutionRepository } from '../domain/execution-repository.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Another tenant's execution is reported exactly like a missing one. */
export async function loadExecution(executions: ExecutionRepository, tenantId: string, executionId: string): Promise<Execution> {
  const execution = UUID.test(executionId) ? await executions.findById(executionId) : null;
  if (!execution || execution.tenantId !== tenantId) throw new NotFoundError(`Execution ${executionId} does not exist`);
  return execution;
}
