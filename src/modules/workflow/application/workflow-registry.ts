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

function checked(name: string, definition: unknown): WorkflowDefinition {
  // checkArn makes the `${Task}` placeholder form unambiguous for the schema (an ARN or a placeholder).
  assertValidDefinition(definition, { checkArn: true });
  const unknown = taskResources(definition.States).filter((r) => !resolveTask(r));
  if (unknown.length > 0) {
    throw new InvalidDefinitionError(unknown.map((r) => `Task resource ${r} does not name a registered @WorkflowTask`));
  }
  return { name, definition };
}

/**
 * The workflows this process can run. A definition is checked on its first use, before
 * anything runs it: a typo in an ASL file or a task nobody implements fails that use, never
 * a step halfway. Not at registration, because the schema check compiles asl-validator's JSON
 * schemas (a few hundred ms) and every Lambda cold start would pay it, also those that never
 * touch a workflow. The shipped definitions are checked by workflow-registry.spec.ts.
 */
@Injectable()
export class WorkflowRegistry {
  private readonly workflows = new Map<string, { definition: unknown; checked?: WorkflowDefinition }>();

  register(name: string, definition: unknown): void {
    this.workflows.set(name, { definition });
  }

  get(name: string): WorkflowDefinition {
    const workflow = this.workflows.get(name);
    if (!workflow) throw new NotFoundError(`Workflow ${name} does not exist`);
    workflow.checked ??= checked(name, workflow.definition);
    return workflow.checked;
  }

  names(): string[] {
    return [...this.workflows.keys()].sort();
  }
}
