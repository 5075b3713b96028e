import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkflowRegistry } from '../../application/workflow-registry';
import { StateMachine } from '../../domain/asl/asl-types';
import { GetWorkflowDefinitionQuery } from './get-workflow-definition.query';

@QueryHandler(GetWorkflowDefinitionQuery)
export class GetWorkflowDefinitionHandler implements IQueryHandler<GetWorkflowDefinitionQuery> {
  constructor(private readonly registry: WorkflowRegistry) {}

  async execute({ workflowName }: GetWorkflowDefinitionQuery): Promise<StateMachine> {
    return this.registry.get(workflowName).definition;
  }
}
