import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** How each function gets its code, once its handler is proven to exist. */
export interface AppBuild {
  /** Throws unless `handler` (e.g. `dist/workers/sqs.handler.handler`) names a module that exports it. */
  codeFor(handler: string): lambda.Code;
}

/**
 * Packages that read their own files from disk at run time (Swagger UI serves its assets from
 * its package directory), so they stay in node_modules beside the bundles instead of inside them.
 */
export const FILE_SERVING_PACKAGES = ['swagger-ui-dist'];

const LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024;

/** `dist/workers/sqs.handler.handler` → module `dist/workers/sqs.handler`, export `handler`. */
export function splitHandler(handler: string): { module: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Lambda handler "${handler}" must be <module path>.<export>`);
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/**
 * Whether CommonJS emitted by tsc assigns `exports.<name>` a value. tsc first declares every
 * export as `exports.x = void 0`, so that line alone proves nothing.
 */
export function exportsValue(js: string, exportName: string): boolean {
  const name = exportName.replace(/[$]/g, '\\$');
  return (
    new RegExp(`\\bexports\\.${name}\\s*=(?!\\s*void 0\\b)`).test(js) ||
    new RegExp(`Object\\.defineProperty\\(exports,\\s*["']${name}["']`).test(js)
  );
}

/**
 * A Lambda asset per handler module: its bundle (bundleLambdaHandlers, from `bundleDir`) at its
 * dist/ path, and from node_modules only FILE_SERVING_PACKAGES. Handlers are proven against tsc's
 * dist/, which the bundles are built from. Packaging is a local copy, no Docker.
 */
export function distBuild(repoRoot: string, bundleDir: string): AppBuild {
  const dist = join(repoRoot, 'dist');
  if (!existsSync(dist)) throw new Error(`${dist} does not exist: run \`npm run build\` before synthesizing the CDK app`);
  const codes = new Map<string, lambda.Code>();
  // What every asset holds besides its bundle: the lock pins the file-serving packages' versions.
  const shared = createHash('sha256').update(readFileSync(join(repoRoot, 'package-lock.json'))).update(FILE_SERVING_PACKAGES.join(',')).digest('hex');
  return {
    codeFor(handler) {
      const { module, exportName } = splitHandler(handler);
      const file = join(repoRoot, `${module}.js`);
      if (!existsSync(file)) throw new Error(`Lambda handler ${handler}: ${relative(repoRoot, file)} is missing; run \`npm run build\``);
      if (!exportsValue(readFileSync(file, 'utf8'), exportName)) {
        throw new Error(`Lambda handler ${handler}: ${relative(repoRoot, file)} does not export \`${exportName}\``);
      }
      const bundle = `${module.replace(/^dist\//, '')}.js`;
      if (!existsSync(join(bundleDir, bundle))) throw new Error(`Lambda handler ${handler} has no bundle in ${relative(repoRoot, bundleDir)}`);
      let code = codes.get(bundle);
      if (!code) {
        const hash = createHash('sha256').update(shared).update(bundle).update(readFileSync(join(bundleDir, bundle)));
        code = lambda.Code.fromAsset(dist, {
          assetHashType: AssetHashType.CUSTOM,
          assetHash: hash.digest('hex'),
          bundling: {
            // Never used: local bundling always succeeds or throws.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
            local: { tryBundle: (outputDir) => packageHandler(repoRoot, bundleDir, bundle, outputDir) },
          },
        });
        codes.set(bundle, code);
      }
      return code;
    },
  };
}

function packageHandler(repoRoot: string, bundleDir: string, bundle: string, outputDir: string): boolean {
  cpSync(join(bundleDir, bundle), join(outputDir, 'dist', bundle));
  cpSync(join(repoRoot, 'package.json'), join(outputDir, 'package.json'));
  for (const name of FILE_SERVING_PACKAGES) {
    cpSync(join(repoRoot, 'node_modules', name), join(outputDir, 'node_modules', name), { recursive: true, dereference: true });
  }
  let size = 0;
  for (const file of walk(outputDir)) {
    // Functions run on arm64 while node_modules was installed for this machine: native addons would not load.
    if (file.endsWith('.node')) throw new Error(`${relative(outputDir, file)} is a native addon; the Lambda package must be pure JavaScript`);
    size += statSync(file).size;
  }
  if (size > LAMBDA_UNZIPPED_LIMIT) throw new Error(`The Lambda package is ${(size / 2 ** 20).toFixed(0)} MB unzipped, over Lambda's 250 MB`);
  return true;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() || entry.isSymbolicLink()) yield path;
  }
}
