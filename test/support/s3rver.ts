import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface S3rverProcess {
  endpoint: string;
  close(): Promise<void>;
}

// s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node 20's OpenSSL 3
// only offers with --openssl-legacy-provider. Jest's workers cannot be given that flag,
// so the server runs in its own node process.
const SCRIPT = `
const S3rver = require('s3rver');
const [directory, buckets] = [process.argv[1], JSON.parse(process.argv[2])];
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory,
  configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\\n'));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
`;

/** A real S3 API (s3rver) on a free port in a child process, with `buckets` created. */
export async function startS3rver(buckets: string[]): Promise<S3rverProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'mercantil-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SCRIPT, directory, JSON.stringify(buckets)], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`s3rver exited with ${code} before listening`);
  });
  const listening = new Promise<number>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve((JSON.parse(out) as { port: number }).port);
    });
  });
  const port = await Promise.race([listening, exited]);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
