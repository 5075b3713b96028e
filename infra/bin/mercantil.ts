#!/usr/bin/env node
import { join } from 'node:path';
import { App, Tags } from 'aws-cdk-lib';
import { distBuild } from '../lib/compute/app-build';
import { MercantilStack } from '../lib/mercantil-stack';
import { choice, COMPUTE_MODES, DEPLOY_ENVS, envSettings } from '../lib/settings';

/**
 * `npx cdk synth|deploy -c env=dev|prod -c compute=lambda|fargate [-c alarmEmail=ops@example.com]`
 * after `npm run build`. The stack is environment-agnostic (no account or region lookups), so
 * synth runs offline; deploy uses the AWS profile's account and region.
 */
const app = new App();
const env = choice('env', app.node.tryGetContext('env'), DEPLOY_ENVS, 'dev');
const compute = choice('compute', app.node.tryGetContext('compute'), COMPUTE_MODES, 'lambda');
const repoRoot = join(__dirname, '..', '..');
const settings = envSettings(env);

const stack = new MercantilStack(app, `Mercantil-${env}`, {
  description: `Mercantil ${env} (compute: ${compute})`,
  settings,
  compute,
  repoRoot,
  build: distBuild(repoRoot),
  alarmEmail: app.node.tryGetContext('alarmEmail'),
});
Tags.of(stack).add('project', 'mercantil');
Tags.of(stack).add('environment', env);
