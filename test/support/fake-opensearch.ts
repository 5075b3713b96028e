import { Client, Connection } from '@opensearch-project/opensearch';
import { readFileSync } from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** One request as it left the real client: method, path, decoded querystring and body. */
export interface RecordedRequest {
  method: string;
  path: string;
  querystring: Record<string, string>;
  /** Parsed JSON; for NDJSON (`_bulk`), the parsed lines. */
  body?: any;
}

export const openSearchFixture = (name: string): any =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/opensearch', name), 'utf8'));

interface Reply {
  status: number;
  body: unknown;
}

function decodeBody(body: unknown, contentType: string | undefined): unknown {
  if (typeof body !== 'string' || body === '') return undefined;
  if (contentType?.startsWith('application/x-ndjson')) return body.trimEnd().split('\n').map((line) => JSON.parse(line));
  return JSON.parse(body);
}

/**
 * An OpenSearch node for the real client, answering from a route table (method and path →
 * status and body) and recording every request exactly as the client serialised it. An
 * unrouted request is a 500, so a test never passes on a call it did not expect.
 */
export function fakeOpenSearch() {
  const requests: RecordedRequest[] = [];
  const routes: { method: string; path: string | RegExp; reply: Reply }[] = [];
  const routed = (method: string, path: string) =>
    routes.find((route) => route.method === method && (typeof route.path === 'string' ? route.path === path : route.path.test(path)))?.reply;

  class RecordingConnection extends Connection {
    request(params: any, callback: (err: Error | null, response: IncomingMessage | null) => void): ClientRequest {
      const method = String(params.method);
      const path = String(params.path);
      requests.push({
        method,
        path,
        querystring: Object.fromEntries(new URLSearchParams(params.querystring ?? '')),
        body: decodeBody(params.body, params.headers?.['content-type']),
      });
      const reply = routed(method, path) ?? { status: 500, body: { error: { type: 'unrouted', reason: `${method} ${path}` }, status: 500 } };
      const payload = Buffer.from(JSON.stringify(reply.body));
      const response = Object.assign(Readable.from([payload], { objectMode: false }), {
        statusCode: reply.status,
        headers: { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(payload.length) },
      });
      setImmediate(() => callback(null, response as unknown as IncomingMessage));
      return { abort: () => undefined } as unknown as ClientRequest;
    }
  }

  const client = new Client({ node: 'http://opensearch.test:9200', Connection: RecordingConnection });
  const sent = (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path);
  return {
    transport: client.transport,
    requests,
    sent,
    /** The one request sent to that method and path. */
    only(method: string, path: string): RecordedRequest {
      const matching = sent(method, path);
      expect(matching).toHaveLength(1);
      return matching[0];
    },
    /** Answers requests to an exact path, or to any path the pattern matches; the first route wins. */
    route(method: string, path: string | RegExp, status: number, body: unknown) {
      routes.push({ method, path, reply: { status, body } });
    },
    reset() {
      requests.length = 0;
      routes.length = 0;
    },
  };
}
