import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as createAppModule from '../src/bootstrap/create-app';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { closeApp, handler } from '../src/lambda';
import { orderBody } from './support/order-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';

const context = {
  functionName: 'mercantil-api',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/** A REST API (v1) proxy event as API Gateway sends it. */
function restEvent(method: string, path: string, headers: Record<string, string>, body?: object): APIGatewayProxyEvent {
  const all = { Host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'X-Forwarded-Proto': 'https', ...headers };
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: { sourceIp: '203.0.113.7', userAgent: 'jest' },
      path: `/prod${path}`,
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1_700_000_000_000,
      resourceId: 'abcdef',
      resourcePath: '/{proxy+}',
    } as APIGatewayProxyEvent['requestContext'],
    body: body ? JSON.stringify(body) : null,
    isBase64Encoded: false,
  };
}

/** An HTTP API (v2) event, payload format 2.0. */
function httpApiEvent(method: string, path: string, headers: Record<string, string>, body?: object, rawQueryString = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    cookies: [],
    headers: { host: 'xyz789.execute-api.eu-west-1.amazonaws.com', 'x-forwarded-proto': 'https', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'xyz789',
      domainName: 'xyz789.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'xyz789',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage: '$default',
      time: '12/Mar/2026:19:03:58 +0000',
      timeEpoch: 1_773_342_238_000,
    },
    body: body ? JSON.stringify(body) : undefined,
    isBase64Encoded: false,
  };
}

interface LambdaResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
}

describe('Lambda handler (API Gateway events through lambda.ts)', () => {
  let database: TestDatabase;
  let token: string;
  const bootSpy = jest.spyOn(createAppModule, 'createApp');
  const invoke = async (event: unknown) => (await handler(event, context, () => undefined)) as LambdaResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    Object.assign(process.env, database.env, { SEED_DEMO: 'false' });
    const first = await invoke(restEvent('GET', '/health', {}));
    expect(first.statusCode).toBe(200);
    const issuer = await DevIssuer.open(database.dataDir, DEV_ISSUER, DEV_AUDIENCE);
    token = await issuer.mint({ tenantId: 'lambda-tenant', sub: 'u1' });
  });

  afterAll(async () => {
    await closeApp();
    await database?.drop();
  });

  it('serves a REST API v1 POST and a v2 GET of the same order', async () => {
    const created = await invoke(restEvent('POST', '/v1/orders', { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, orderBody()));
    expect(created.statusCode).toBe(201);
    const order = JSON.parse(created.body);
    expect(order).toMatchObject({ tenantId: 'lambda-tenant', status: 'PENDING', totalAmount: '13.15' });
    // REST API v1 responses carry headers as multiValueHeaders.
    expect(created.multiValueHeaders?.location).toEqual([`/v1/orders/${order.orderId}`]);

    const fetched = await invoke(httpApiEvent('GET', `/v1/orders/${order.orderId}`, { authorization: `Bearer ${token}` }));
    expect(fetched.statusCode).toBe(200);
    expect(JSON.parse(fetched.body).orderId).toBe(order.orderId);
    expect(fetched.headers?.etag).toBe('"1"');
  });

  it('passes query strings through v2 events', async () => {
    const res = await invoke(httpApiEvent('GET', '/v1/orders', { authorization: `Bearer ${token}` }, undefined, 'limit=1'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).items).toHaveLength(1);
  });

  it('returns the shared error shape for rejected requests', async () => {
    const res = await invoke(httpApiEvent('GET', '/v1/orders', {}));
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 401, error: 'Unauthorized', requestId: expect.any(String) });
  });

  it('boots the Nest app once and reuses it across invocations', () => {
    expect(bootSpy).toHaveBeenCalledTimes(1);
  });
});
