import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Auth } from './auth';
import { EnvSettings } from './settings';

/** Routes the app serves without a token (health probes, the OpenAPI document). */
export const PUBLIC_ROUTES = ['/health', '/health/{proxy+}', '/docs', '/docs/{proxy+}'];

/**
 * The public front door in both compute modes: an HTTP API whose JWT authorizer checks Cognito
 * tokens (issuer, audience = app client, expiry, signature) before a request costs any compute,
 * with stage-wide throttling. The app verifies the token again and applies its per-principal
 * token bucket; see docs/deploy.md for why this is an HTTP API without usage plans.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, settings: EnvSettings, auth: Auth, integration: apigw.HttpRouteIntegration) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', { apiName: `${settings.prefix}api`, createDefaultStage: false });
    const authorizer = new HttpJwtAuthorizer('Cognito', auth.issuer, {
      jwtAudience: [auth.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [apigw.HttpMethod.ANY], integration, authorizer });
    for (const path of PUBLIC_ROUTES) {
      this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod.GET], integration });
    }
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${settings.prefix}api`,
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.apiThrottle,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });
  }

  get url(): string {
    return this.stage.url;
  }
}
