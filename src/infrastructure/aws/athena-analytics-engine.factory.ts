import { AthenaClient } from '@aws-sdk/client-athena';
import type { AppConfig } from '../../config/app-config';
import { AthenaAnalyticsEngine } from './athena-analytics-engine.adapter';

export function createAthenaAnalyticsEngine(aws: AppConfig['aws'], analytics: AppConfig['analytics']): AthenaAnalyticsEngine {
  return new AthenaAnalyticsEngine(new AthenaClient({ region: aws.region }), {
    workGroup: analytics.athenaWorkGroup,
    database: analytics.glueDatabase,
    outputLocation: analytics.athenaOutputLocation,
    timeoutMs: analytics.queryTimeoutSeconds * 1000,
  });
}
