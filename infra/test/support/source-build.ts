import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ts from 'typescript';
import { AppBuild, exportsValue, splitHandler } from '../../lib/compute/app-build';

/**
 * A build for tests: stub code (no dist/, no asset) that records every handler the stack
 * names, so a test can check each one in the TypeScript source with checkSourceHandler.
 */
export function recordingBuild(): AppBuild & { handlers: Set<string> } {
  const handlers = new Set<string>();
  return {
    handlers,
    codeFor: (handler) => {
      handlers.add(handler);
      return lambda.Code.fromInline('// the bundle asset outside tests');
    },
  };
}

/**
 * The check distBuild makes on dist/, made on src/: the module is transpiled the way tsc emits
 * it, so the same `exports.<name> = …` test applies.
 */
export function checkSourceHandler(repoRoot: string, handler: string): void {
  const { module, exportName } = splitHandler(handler);
  const file = join(repoRoot, `${module.replace(/^dist\//, 'src/')}.ts`);
  if (!existsSync(file)) throw new Error(`Lambda handler ${handler}: ${relative(repoRoot, file)} is missing`);
  const js = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  if (!exportsValue(js, exportName)) throw new Error(`Lambda handler ${handler}: ${relative(repoRoot, file)} does not export \`${exportName}\``);
}
