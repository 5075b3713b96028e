#!/usr/bin/env node
import { join } from 'node:path';
import { App, Tags } from 'aws-cdk-lib';
import { distBuild } from '../lib/compute/app-build';
import { HANDLERS } from '../lib/compute/app-functions';
import { bundleLambdaHandlers } from '../lib/compute/lambda-bundle';
import { MercantilStack } from '../lib/mercantil-stack';
import { choice, COMPUTE_MODES, DEPLOY_ENVS, envSettings } from '../lib/settings';

/**
 * `npx cdk synth|deploy -c env=dev|prod -c compute=lambda|fargate [-c alarmEmail=ops@example.com]`
 * after `npm run build`; the Lambda handlers are bundled from dist/ here, into dist-lambda/.
 * The stack is environment-agnostic (no account or region lookups), so synth runs offline;
 * deploy uses the AWS profile's account and region.
 */
async function main(): Promise<void> {
  const app = new App();
  const env = choice('env', app.node.tryGetContext('env'), DEPLOY_ENVS, 'dev');
  const compute = choice('compute', app.node.tryGetContext('compute'), COMPUTE_MODES, 'lambda');
  const repoRoot = join(__dirname, '..', '..');
  const bundleDir = join(repoRoot, 'dist-lambda');
  await bundleLambdaHandlers(repoRoot, Object.values(HANDLERS), bundleDir);
  const settings = envSettings(env);

  const stack = new MercantilStack(app, `Mercantil-${env}`, {
    description: `Mercantil ${env} (compute: ${compute})`,
    settings,
    compute,
    repoRoot,
    build: distBuild(repoRoot, bundleDir),
    alarmEmail: app.node.tryGetContext('alarmEmail'),
  });
  Tags.of(stack).add('project', 'mercantil');
  Tags.of(stack).add('environment', env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
