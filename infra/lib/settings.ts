import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const DEPLOY_ENVS = ['dev', 'prod'] as const;
export type DeployEnv = (typeof DEPLOY_ENVS)[number];
export const COMPUTE_MODES = ['lambda', 'fargate'] as const;
export type ComputeMode = (typeof COMPUTE_MODES)[number];

/** What differs between a throwaway dev environment and production. */
export interface EnvSettings {
  env: DeployEnv;
  /** Physical names start with it: queues `${prefix}order-processing`, state machines `${prefix}order-fulfilment`. */
  prefix: string;
  prod: boolean;
  removalPolicy: RemovalPolicy;
  maxAzs: number;
  natGateways: number;
  /** minCapacity 0 lets an idle cluster pause (after autoPause), at the price of a ~15 s resume. */
  aurora: { minCapacity: number; maxCapacity: number; autoPause?: Duration; readers: number; backupRetention: Duration };
  openSearch: { dataNodes: number; instanceType: string; volumeGb: number };
  logRetention: RetentionDays;
  /** API Gateway stage throttle, before the app's own per-principal token bucket. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** The app's per-principal token bucket (RATE_LIMIT_PER_SECOND / RATE_LIMIT_BURST). */
  principalRateLimit: { perSecond: number; burst: number };
  fargate: { cpu: number; memoryMiB: number; apiTasks: number; workerTasks: number };
}

const SETTINGS: Record<DeployEnv, Omit<EnvSettings, 'env' | 'prefix'>> = {
  dev: {
    prod: false,
    removalPolicy: RemovalPolicy.DESTROY,
    maxAzs: 2,
    natGateways: 1,
    aurora: { minCapacity: 0, maxCapacity: 2, autoPause: Duration.minutes(15), readers: 0, backupRetention: Duration.days(1) },
    openSearch: { dataNodes: 1, instanceType: 't3.small.search', volumeGb: 10 },
    logRetention: RetentionDays.ONE_WEEK,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    principalRateLimit: { perSecond: 20, burst: 100 },
    fargate: { cpu: 512, memoryMiB: 1024, apiTasks: 1, workerTasks: 1 },
  },
  prod: {
    prod: true,
    removalPolicy: RemovalPolicy.RETAIN,
    maxAzs: 2,
    natGateways: 2,
    aurora: { minCapacity: 0.5, maxCapacity: 16, readers: 1, backupRetention: Duration.days(14) },
    openSearch: { dataNodes: 2, instanceType: 'r6g.large.search', volumeGb: 50 },
    logRetention: RetentionDays.THREE_MONTHS,
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    principalRateLimit: { perSecond: 50, burst: 250 },
    fargate: { cpu: 1024, memoryMiB: 2048, apiTasks: 2, workerTasks: 2 },
  },
};

export function envSettings(env: DeployEnv): EnvSettings {
  return { env, prefix: `mercantil-${env}-`, ...SETTINGS[env] };
}

/** Reads a context value that must be one of `allowed`; anything else stops the synth, naming the choices. */
export function choice<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`-c ${name}=${String(value)} is not one of ${allowed.join(', ')}`);
}
