/** The authenticated caller, derived from a verified Cognito-style token. */
export interface Principal {
  sub: string;
  tenantId: string;
  groups: string[];
  email?: string;
}

export const TENANT_CLAIM = 'custom:tenant_id';
export const GROUPS_CLAIM = 'cognito:groups';
