import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** How each function gets the compiled app and how its handler is proven to exist. */
export interface AppBuild {
  code: lambda.Code;
  /** Throws unless `handler` (e.g. `dist/workers/sqs.handler.handler`) names a module that exports it. */
  assertHandler(handler: string): void;
}

/**
 * Packages the embedded profile loads lazily and the aws profile never does (PGlite, DuckDB,
 * tesseract OCR, the canvas that renders scans for it): about 200 MB that would push the
 * function past Lambda's 250 MB unzipped limit. The container image keeps them.
 */
export const EMBEDDED_ONLY_PACKAGES = [
  '@electric-sql/pglite',
  '@electric-sql/pglite-socket',
  '@duckdb',
  'tesseract.js',
  'tesseract.js-core',
  '@tesseract.js-data',
  '@napi-rs',
];
const LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024;
const SKIPPED_FILES = /(\.map|\.d\.ts|\.tsbuildinfo(\.\w+)?|\.md)$/;

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
 * The compiled app in `dist/` with its production dependencies, as one asset shared by every
 * function. Packaging is a local copy (no Docker, no bundler: esbuild-style bundlers drop the
 * decorator metadata Nest's DI needs); dev-only packages are left out by package-lock.json's
 * `dev` flags, and so are EMBEDDED_ONLY_PACKAGES.
 */
export function distBuild(repoRoot: string): AppBuild {
  const dist = join(repoRoot, 'dist');
  if (!existsSync(dist)) throw new Error(`${dist} does not exist: run \`npm run build\` before synthesizing the CDK app`);
  const lock = readFileSync(join(repoRoot, 'package-lock.json'));
  const excluded = excludedPackagePaths(JSON.parse(lock.toString()));
  const hash = createHash('sha256').update(lock).update(EMBEDDED_ONLY_PACKAGES.join(','));
  for (const file of walk(dist)) {
    if (!SKIPPED_FILES.test(file)) hash.update(relative(dist, file)).update(readFileSync(file));
  }
  const code = lambda.Code.fromAsset(dist, {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: hash.digest('hex'),
    bundling: {
      // Never used: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
      local: { tryBundle: (outputDir) => packageApp(repoRoot, outputDir, excluded) },
    },
  });
  return {
    code,
    assertHandler(handler) {
      const { module, exportName } = splitHandler(handler);
      const file = join(repoRoot, `${module}.js`);
      if (!existsSync(file)) throw new Error(`Lambda handler ${handler}: ${relative(repoRoot, file)} is missing; run \`npm run build\``);
      if (!exportsValue(readFileSync(file, 'utf8'), exportName)) {
        throw new Error(`Lambda handler ${handler}: ${relative(repoRoot, file)} does not export \`${exportName}\``);
      }
    },
  };
}

function excludedPackagePaths(lock: { packages?: Record<string, { dev?: boolean; devOptional?: boolean }> }): Set<string> {
  const paths = Object.entries(lock.packages ?? {})
    .filter(([path, info]) => path && (info.dev || info.devOptional))
    .map(([path]) => path);
  return new Set([...paths, ...EMBEDDED_ONLY_PACKAGES.map((name) => `node_modules/${name}`), 'node_modules/.bin', 'node_modules/.cache']);
}

function packageApp(repoRoot: string, outputDir: string, excluded: Set<string>): boolean {
  cpSync(join(repoRoot, 'dist'), join(outputDir, 'dist'), { recursive: true, filter: (src) => !SKIPPED_FILES.test(src) });
  cpSync(join(repoRoot, 'package.json'), join(outputDir, 'package.json'));
  const modules = join(repoRoot, 'node_modules');
  cpSync(modules, join(outputDir, 'node_modules'), {
    recursive: true,
    dereference: true,
    filter: (src) => {
      const path = relative(repoRoot, src).split(sep).join('/');
      if (SKIPPED_FILES.test(path)) return false;
      for (let cut = path.length; cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
        if (excluded.has(path.slice(0, cut))) return false;
      }
      return true;
    },
  });
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
