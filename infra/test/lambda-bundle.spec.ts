import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLambdaHandlers } from '../lib/compute/lambda-bundle';
import { REPO_ROOT } from './support/synth';

const fixtures: string[] = [];
afterAll(() => fixtures.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A dist/ like tsc's: CommonJS with a package to bundle, an optional one that is not installed, and an embedded-only one. */
function fixtureRepo(): string {
  // Inside the repo's node_modules, so the fixture resolves the repo's packages as dist/ does.
  const root = mkdtempSync(join(REPO_ROOT, 'node_modules', '.cache-lambda-bundle-'));
  fixtures.push(root);
  mkdirSync(join(root, 'dist', 'workers'), { recursive: true });
  writeFileSync(
    join(root, 'dist', 'lambda.js'),
    `"use strict";
const decimal_js = require("decimal.js");
let microservices;
try { microservices = require("@nestjs/microservices"); } catch { microservices = "absent"; }
exports.handler = async () => ({ total: new decimal_js.Decimal("0.1").plus("0.2").toString(), microservices,
  duckdb: async () => Promise.resolve().then(() => require("@duckdb/node-api")) });`,
  );
  writeFileSync(join(root, 'dist', 'workers', 'sqs.handler.js'), `"use strict";\nexports.handler = async () => ({ batchItemFailures: [] });`);
  return root;
}

describe('bundleLambdaHandlers', () => {
  it('writes one self-contained file per handler at its dist/ path, leaving uninstalled optional and embedded-only packages as requires', async () => {
    const root = fixtureRepo();
    const out = mkdtempSync(join(tmpdir(), 'bundles-'));
    await bundleLambdaHandlers(root, ['dist/lambda.handler', 'dist/workers/sqs.handler.handler', 'dist/lambda.handler'], out);
    expect(existsSync(join(out, 'lambda.js'))).toBe(true);
    expect(existsSync(join(out, 'workers', 'sqs.handler.js'))).toBe(true);
    const bundle = readFileSync(join(out, 'lambda.js'), 'utf8');
    expect(bundle).toContain('require("@nestjs/microservices")');
    expect(bundle).toContain('require("@duckdb/node-api")');
    // Run from a directory without node_modules: decimal.js must be inside the bundle.
    const run = `require(${JSON.stringify(join(out, 'lambda.js'))}).handler().then((r) => process.stdout.write(JSON.stringify({ ...r, duckdb: typeof r.duckdb })))`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', run], { cwd: out, encoding: 'utf8' }))).toEqual({ total: '0.3', microservices: 'absent', duckdb: 'function' });
  });

  it('refuses to bundle before the build', async () => {
    const root = fixtureRepo();
    await expect(bundleLambdaHandlers(root, ['dist/workers/nope.handler.handler'], mkdtempSync(join(tmpdir(), 'bundles-')))).rejects.toThrow(
      'dist/workers/nope.handler.js does not exist: run `npm run build` before bundling the Lambda handlers',
    );
  });
});
