import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../common/errors/application-errors';
import { State, StateMachine } from '../domain/asl/asl-types';
import { assertValidDefinition, InvalidDefinitionError } from '../domain/asl/definition-validator';
import { resolveTask } from '../domain/workflow-task';

export interface WorkflowDefinition {
  name: string;
  definition: StateMachine;
}

function taskResources(states: Record<string, State>): string[] {
  return Object.values(states).flatMap((state) => {
    if (state.Type === 'Task') return [state.Resource];
    if (state.Type === 'Parallel') return state.Branches.flatMap((b) => taskResources(b.States));
    if (state.Type === 'Map') return taskResources((state.ItemProcessor ?? state.Iterator)!.States);
    return [];
  });
}

/**
 * The workflows this process can run. A definition is checked when it registers, so a
 * typo in an ASL file or a task nobody implements stops the boot instead of a run.
 */
@Injectable()
export class WorkflowRegistry {
  private readonly workflows = new Map<string, WorkflowDefinition>();

  register(name: string, definition: unknown): void {
    // checkArn makes the `${Task}` placeholder form unambiguous for the schema (an ARN or a placeholder).
    assertValidDefinition(definition, { checkArn: true });
    const unknown = taskResources(definition.States).filter((r) => !resolveTask(r));
    if (unknown.length > 0) {
      throw new InvalidDefinitionError(unknown.map((r) => `Task resource ${r} does not name a registered @WorkflowTask`));
    }
    this.workflows.set(name, { name, definition });
  }

  get(name: string): WorkflowDefinition {
    const workflow = this.workflows.get(name);
    if (!workflow) throw new NotFoundError(`Workflow ${name} does not exist`);
    return workflow;
  }

  names(): string[] {
    return [...this.workflows.keys()].sort();
  }
}
