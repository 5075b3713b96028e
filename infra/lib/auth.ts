import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { EnvSettings } from './settings';

/** The app grants by `cognito:groups`; `admin` guards workflows, agreements and reindexing. */
export const USER_GROUPS = ['admin', 'operator'] as const;
export const TENANT_ATTRIBUTE = 'tenant_id';

/**
 * The Cognito user pool the API trusts: every user carries an immutable `custom:tenant_id`
 * (which only administrators set, so a user cannot move tenants), and one app client whose
 * id is the tokens' audience. The app verifies id tokens (AUTH_TOKEN_USE=id), which carry the
 * custom attribute.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, settings: EnvSettings) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${settings.prefix}users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { [TENANT_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: false },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: settings.prod,
      removalPolicy: settings.removalPolicy,
    });
    for (const group of USER_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }
    const attributes = new cognito.ClientAttributes().withStandardAttributes({ email: true });
    this.client = this.userPool.addClient('ApiClient', {
      userPoolClientName: `${settings.prefix}api`,
      generateSecret: false,
      // SRP for people; the admin flow lets an operator with IAM credentials fetch a token from the CLI.
      authFlows: { userSrp: true, adminUserPassword: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: attributes.withCustomAttributes(TENANT_ATTRIBUTE),
      writeAttributes: attributes,
    });
  }

  /** AUTH_ISSUER: the pool's issuer URL, whose `/.well-known/jwks.json` the app and API Gateway fetch. */
  get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
