import { InvalidInputError } from '../../common/errors/application-errors';

/** Step Functions' limit on an execution name. */
export const MAX_EXECUTION_NAME_LENGTH = 80;
export const TENANT_SEPARATOR = '--';

// Step Functions accepts more characters than this, but these are the ones that keep
// CloudWatch logging possible and need no escaping in ARNs or URLs.
const NAME = /^[A-Za-z0-9_.-]+$/;
// No "--" inside and no trailing "-": the first "--" of an execution name then always ends
// the tenant, so no tenant's prefix can match another tenant's executions.
const TENANT = /^[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)*$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The execution an id names, once it is known to belong to the caller's tenant. */
export interface ExecutionRef {
  executionArn: string;
  workflowName: string;
  /** The name the tenant chose, without the tenant prefix. */
  name: string;
}

/**
 * How tenants, names and ids map onto Step Functions, which has no tenant field: the
 * execution name is `${tenantId}--${name}` (at most 80 characters), and the executionId
 * the API hands out is the base64url of the execution ARN, so it fits in a URL path
 * segment and decodes back without a lookup table.
 */
export class StepFunctionsExecutionIds {
  private readonly executionArnPrefix: string;

  /** `stateMachineArnPrefix`: e.g. arn:aws:states:eu-west-1:123456789012:stateMachine:mercantil- */
  constructor(private readonly stateMachineArnPrefix: string) {
    this.executionArnPrefix = stateMachineArnPrefix.replace(':stateMachine:', ':execution:');
  }

  stateMachineArn(workflowName: string): string {
    return `${this.stateMachineArnPrefix}${workflowName}`;
  }

  executionArn(workflowName: string, executionName: string): string {
    return `${this.executionArnPrefix}${workflowName}:${executionName}`;
  }

  /** The Step Functions name of a tenant's execution; InvalidInputError when it cannot be one. */
  executionName(tenantId: string, name: string): string {
    if (!TENANT.test(tenantId)) {
      throw new InvalidInputError(`Tenant ${tenantId} cannot start Step Functions executions: its id must be letters, digits, _ and . with single inner dashes`);
    }
    if (!NAME.test(name)) throw new InvalidInputError(`Execution name ${name} must be letters, digits, _ . and - on Step Functions`);
    const executionName = `${tenantId}${TENANT_SEPARATOR}${name}`;
    if (executionName.length > MAX_EXECUTION_NAME_LENGTH) {
      const room = MAX_EXECUTION_NAME_LENGTH - tenantId.length - TENANT_SEPARATOR.length;
      throw new InvalidInputError(`Execution name ${name} is too long: behind the tenant prefix it may have at most ${room} characters`);
    }
    return executionName;
  }

  /** `${tenantId}--`, or null for a tenant id that can own no executions. */
  tenantPrefix(tenantId: string): string | null {
    return TENANT.test(tenantId) ? `${tenantId}${TENANT_SEPARATOR}` : null;
  }

  encode(executionArn: string): string {
    return Buffer.from(executionArn, 'utf8').toString('base64url');
  }

  /** Null for a malformed id, another deployment's execution or another tenant's. */
  decode(tenantId: string, executionId: string): ExecutionRef | null {
    const prefix = this.tenantPrefix(tenantId);
    if (!prefix || !BASE64URL.test(executionId)) return null;
    const executionArn = Buffer.from(executionId, 'base64url').toString('utf8');
    // Node decodes leniently; only the canonical spelling of an ARN is an id.
    if (this.encode(executionArn) !== executionId || !executionArn.startsWith(this.executionArnPrefix)) return null;
    const [workflowName, executionName, ...rest] = executionArn.slice(this.executionArnPrefix.length).split(':');
    if (rest.length > 0 || !workflowName || !executionName?.startsWith(prefix)) return null;
    return { executionArn, workflowName, name: executionName.slice(prefix.length) };
  }
}
