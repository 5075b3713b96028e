import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { MercantilStack } from '../../lib/mercantil-stack';
import { ComputeMode, DeployEnv, envSettings } from '../../lib/settings';
import { recordingBuild } from './source-build';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
const CDK_CONTEXT = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;

export interface Synthesized {
  stack: MercantilStack;
  template: Template;
  /** Every Lambda handler the stack names. */
  handlers: Set<string>;
}

const cache = new Map<string, Synthesized>();

/**
 * The stack as `cdk synth` builds it (same feature flags), but with recorded handlers (check
 * them with checkSourceHandler) and a registry image instead of the Dockerfile, so no build, bundling or
 * Docker is needed. Each combination is synthesized once per test file.
 */
export function synth(env: DeployEnv, compute: ComputeMode): Synthesized {
  const key = `${env}/${compute}`;
  let found = cache.get(key);
  if (!found) {
    // `cdk synth` also lints the template (about 10 s); the tests assert what matters here instead.
    const app = new App({ context: CDK_CONTEXT, builtinCloudFormationValidation: false });
    const build = recordingBuild();
    const stack = new MercantilStack(app, `Mercantil-${env}`, {
      settings: envSettings(env),
      compute,
      repoRoot: REPO_ROOT,
      build,
      containerImage: ecs.ContainerImage.fromRegistry('mercantil:test'),
    });
    found = { stack, template: Template.fromStack(stack), handlers: build.handlers };
    cache.set(key, found);
  }
  return found;
}
