import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAslFiles, readAslFile } from '../lib/asl-files';
import { REPO_ROOT, synth } from './support/synth';
import { functionNamed, roleOfFunction } from './support/template-queries';

const files = findAslFiles(REPO_ROOT);

describe.each(['lambda', 'fargate'] as const)('state machines (compute=%s)', (compute) => {
  const { template } = synth('dev', compute);

  it('there is one per *.asl.json, named after the workflow', () => {
    expect(files.map((f) => f.name)).toEqual(['invoice-processing', 'order-fulfilment']);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', files.length);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s is the ASL file itself, each ${Task} substituted by that task’s Lambda ARN', (name, file) => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine', { Properties: { StateMachineName: `mercantil-dev-${name}` } }));
    const { DefinitionString, DefinitionSubstitutions } = machine.Properties;
    // The very text of the file, not a copy that could drift.
    expect(DefinitionString).toBe(file.text);
    expect(Object.keys(DefinitionSubstitutions).sort()).toEqual(file.tasks);

    // What Step Functions runs: the definition with the substitutions applied.
    const deployed = JSON.parse(DefinitionString.replace(/\$\{([^}]+)\}/g, (_: string, task: string) => `arn-of:${DefinitionSubstitutions[task]['Fn::GetAtt'][0]}`));
    const original = JSON.parse(file.text);
    for (const [stateName, state] of Object.entries<any>(original.States)) {
      if (state.Type !== 'Task') {
        expect(deployed.States[stateName]).toEqual(state);
        continue;
      }
      const task = /^\$\{(.+)\}$/.exec(state.Resource)![1];
      const fn = functionNamed(template, `task-${task}`);
      expect(deployed.States[stateName]).toEqual({ ...state, Resource: `arn-of:${fn.id}` });
      expect(fn.resource.Properties).toMatchObject({ Handler: 'dist/workers/workflow-task.handler.handler', Environment: { Variables: { WORKFLOW_TASK: task } } });
    }
  });

  it('each state machine may invoke exactly its own task functions', () => {
    for (const file of files) {
      const [[, machine]] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine', { Properties: { StateMachineName: `mercantil-dev-${file.name}` } }));
      const roleId = machine.Properties.RoleArn['Fn::GetAtt'][0];
      const invoked = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'))
        .flatMap((s) => [s.Resource].flat())
        .map((r) => (r['Fn::GetAtt'] ?? r['Fn::Join'][1][0]['Fn::GetAtt'])[0]);
      expect([...new Set(invoked)].sort()).toEqual(file.tasks.map((t) => functionNamed(template, `task-${t}`).id).sort());
    }
  });

  it('task functions time out with their Task state (ExtractInvoiceDocument 300 s), 60 s when the state sets none', () => {
    expect(functionNamed(template, 'task-ExtractInvoiceDocument').resource.Properties!.Timeout).toBe(300);
    expect(functionNamed(template, 'task-CompleteOrder').resource.Properties!.Timeout).toBe(60);
    expect(roleOfFunction(template, 'task-CompleteOrder')).not.toBe(roleOfFunction(template, 'task-ProcessPayment'));
  });
});

describe('ASL files', () => {
  it('a ${…} outside a Task Resource stops the synth, since CloudFormation would substitute it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-'));
    const path = join(dir, 'bad.asl.json');
    writeFileSync(path, JSON.stringify({ Comment: 'uses ${Oops}', StartAt: 'A', States: { A: { Type: 'Task', Resource: '${A}', End: true } } }));
    expect(() => readAslFile(path, dir)).toThrow(/\$\{Oops\} is not a Task Resource placeholder/);
  });

  it('finds tasks inside Parallel branches and Map item processors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-'));
    const path = join(dir, 'nested.asl.json');
    const task = (name: string) => ({ Type: 'Task', Resource: `\${${name}}`, TimeoutSeconds: 10, End: true });
    writeFileSync(
      path,
      JSON.stringify({
        StartAt: 'P',
        States: {
          P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: task('InBranch') } }], Next: 'M' },
          M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: task('InMap') } }, End: true },
        },
      }),
    );
    expect(readAslFile(path, dir)).toMatchObject({ name: 'nested', tasks: ['InBranch', 'InMap'], taskTimeouts: { InBranch: 10, InMap: 10 } });
  });
});
