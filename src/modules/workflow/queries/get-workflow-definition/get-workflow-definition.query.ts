import { Query } from '@nestjs/cqrs';
import { StateMachine } from '../../domain/asl/asl-types';

export class GetWorkflowDefinitionQuery extends Query<StateMachine> {
  constructor(readonly workflowName: string) {
    super();
  }
}
