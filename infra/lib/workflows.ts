import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AslFile } from './asl-files';
import { EnvSettings } from './settings';

/**
 * One Standard state machine per `*.asl.json`, whose definition is the file's own text with
 * each `${Task}` placeholder substituted (DefinitionSubstitutions) by the ARN of that task's
 * Lambda: the same file the embedded engine runs, never a second copy of the flow.
 */
export class Workflows extends Construct {
  readonly stateMachines = new Map<string, sfn.StateMachine>();
  /** STATE_MACHINE_ARN_PREFIX: a workflow's state machine is this plus its name. */
  readonly arnPrefix: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly settings: EnvSettings,
  ) {
    super(scope, id);
    this.arnPrefix = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: settings.prefix,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /**
   * Separate from the constructor because the task functions need STATE_MACHINE_ARN_PREFIX
   * in their environment before the state machines that invoke them can exist.
   */
  addStateMachines(files: readonly AslFile[], taskFunctions: ReadonlyMap<string, lambda.IFunction>): void {
    const { settings } = this;
    for (const file of files) {
      const functions = file.tasks.map((task) => {
        const fn = taskFunctions.get(task);
        if (!fn) throw new Error(`${file.name}.asl.json: no Lambda for task \${${task}}`);
        return [task, fn] as const;
      });
      const logGroup = new logs.LogGroup(this, `${file.name}-logs`, {
        logGroupName: `/aws/vendedlogs/states/${settings.prefix}${file.name}`,
        retention: settings.logRetention,
        removalPolicy: settings.removalPolicy,
      });
      const machine = new sfn.StateMachine(this, file.name, {
        stateMachineName: `${settings.prefix}${file.name}`,
        stateMachineType: sfn.StateMachineType.STANDARD,
        definitionBody: sfn.DefinitionBody.fromString(file.text),
        definitionSubstitutions: Object.fromEntries(functions.map(([task, fn]) => [task, fn.functionArn])),
        logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
        removalPolicy: settings.removalPolicy,
      });
      for (const [, fn] of functions) fn.grantInvoke(machine);
      this.stateMachines.set(file.name, machine);
    }
  }

  /** What the Step Functions engine adapter calls: start, describe, list and read the history of executions. */
  grantRun(grantee: iam.IGrantable, names: readonly string[] = [...this.stateMachines.keys()]): void {
    for (const name of names) {
      const machine = this.stateMachines.get(name);
      if (!machine) throw new Error(`No workflow ${name}`);
      machine.grantStartExecution(grantee);
      machine.grant(grantee, 'states:ListExecutions');
      machine.grantExecution(grantee, 'states:DescribeExecution', 'states:GetExecutionHistory');
    }
  }
}
