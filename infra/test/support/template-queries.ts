import { Template } from 'aws-cdk-lib/assertions';

export type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** The one resource of `type` whose logical id starts with `prefix` (CDK appends a hash). */
export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`${ids.length} ${type} resources start with ${prefix}: ${ids.join(', ')}`);
  return ids[0];
}

/** A Lambda function by its name after the environment prefix (e.g. `api`, `task-ProcessPayment`). */
export function functionNamed(template: Template, name: string): { id: string; resource: Resource } {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, r]) => typeof r.Properties?.FunctionName === 'string' && r.Properties.FunctionName.replace(/^mercantil-(dev|prod)-/, '') === name,
  );
  if (found.length !== 1) throw new Error(`${found.length} functions named ${name}`);
  return { id: found[0][0], resource: found[0][1] as Resource };
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the inline policies attached to the role `roleId`. */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export function roleOfFunction(template: Template, name: string): string {
  return functionNamed(template, name).resource.Properties!.Role['Fn::GetAtt'][0];
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Whether some statement allows `action` on a resource that mentions `logicalId` (its ARN or a sub-path of it). */
export function allows(statements: Statement[], action: string, logicalId: string): boolean {
  return allowsOnArn(statements, action, `"${logicalId}"`);
}

/** Whether any statement mentions `logicalId` at all. */
export function mentions(statements: Statement[], logicalId: string): boolean {
  return statements.some((s) => JSON.stringify(s.Resource).includes(`"${logicalId}"`));
}

/** Whether some statement allows `action` on a resource whose template text contains `arnFragment` (e.g. an ARN CDK builds with Fn::Join). */
export function allowsOnArn(statements: Statement[], action: string, arnFragment: string): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      actionsOf(s).some((a) => a === action || (a.endsWith('*') && action.startsWith(a.slice(0, -1)))) &&
      resourcesOf(s).some((r) => JSON.stringify(r).includes(arnFragment)),
  );
}

/** The key patterns of bucket `bucketId` on which s3:PutObject is allowed (`*` for the whole bucket). */
export function writablePrefixes(statements: Statement[], bucketId: string): string[] {
  return statements
    .filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a === 's3:PutObject' || a === 's3:*' || a === 's3:PutObject*'))
    .flatMap(resourcesOf)
    .flatMap((r: any) => {
      const parts = r?.['Fn::Join']?.[1];
      const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
      if (!Array.isArray(parts) || parts.length !== 2 || JSON.stringify(parts[0]) !== JSON.stringify(bucketArn)) return [];
      return [String(parts[1]).replace(/^\//, '')];
    });
}
