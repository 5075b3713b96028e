import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { FILE_SERVING_PACKAGES, splitHandler } from './app-build';

/**
 * Packages the embedded profile loads lazily and the aws profile never does (PGlite, DuckDB,
 * tesseract OCR, the canvas that renders scans for it): about 200 MB that would push the
 * function past Lambda's 250 MB unzipped limit. The container image keeps them.
 */
export const EMBEDDED_ONLY_PACKAGES = ['@electric-sql/pglite', '@electric-sql/pglite-socket', '@duckdb/*', 'tesseract.js', 'tesseract.js-core', '@tesseract.js-data/*', '@napi-rs/*'];

/**
 * Optional requires (Nest's microservices, TypeORM's other drivers, …) of packages that are not
 * installed stay requires: the code that makes them catches the failure, as it does unbundled.
 */
const leaveUninstalledOptional: Plugin = {
  name: 'leave-uninstalled-optional',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === leaveUninstalledOptional) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: leaveUninstalledOptional });
      return resolved.errors.length > 0 ? { path: args.path, external: true } : resolved;
    });
  },
};

/**
 * Bundles each handler's compiled module (`dist/…`, decorator metadata already emitted by tsc)
 * with its dependencies into one file under `outDir`, mirroring dist's layout: a cold start
 * then reads and compiles one file instead of resolving ~2,500 modules. Modules stay lazy:
 * esbuild wraps each CommonJS module in a function that runs on its first require, so the AWS
 * SDKs still load on first use. Names are kept because TypeORM and Nest read class names.
 */
export async function bundleLambdaHandlers(repoRoot: string, handlers: readonly string[], outDir: string): Promise<void> {
  const { build, stop } = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  const modules = [...new Set(handlers.map((handler) => splitHandler(handler).module))];
  for (const module of modules) {
    if (!existsSync(join(repoRoot, `${module}.js`))) throw new Error(`${module}.js does not exist: run \`npm run build\` before bundling the Lambda handlers`);
  }
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      absWorkingDir: repoRoot,
      entryPoints: modules.map((module) => ({ in: join(repoRoot, `${module}.js`), out: module.replace(/^dist\//, '') })),
      outdir: outDir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // Unminified: stack traces in the logs keep their names and lines, and minifying measured no faster a start.
      keepNames: true,
      external: [...EMBEDDED_ONLY_PACKAGES, ...FILE_SERVING_PACKAGES],
      plugins: [leaveUninstalledOptional],
      logLevel: 'error',
    });
  } finally {
    // Ends the esbuild service process, which would otherwise live on beside the caller (a bench timing cold starts).
    await stop();
  }
  if (result.errors.length > 0) throw new Error(`Bundling the Lambda handlers failed: ${result.errors.map((e) => e.text).join('; ')}`);
}
