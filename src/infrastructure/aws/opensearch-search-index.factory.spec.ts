import { EventEmitter, once } from 'node:events';
import { createServer, IncomingHttpHeaders, RequestOptions } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { AppConfig } from '../../config/app-config';
import { createOpenSearchSearchIndex } from './opensearch-search-index.factory';

describe('createOpenSearchSearchIndex', () => {
  it('talks plain unsigned HTTP to an http:// node, such as the local compose stack', async () => {
    const seen: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((request, response) => {
      seen.push({ method: request.method, url: request.url, headers: request.headers });
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'index_not_found_exception', reason: 'no such index' }, status: 404 }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const aws = { region: 'eu-west-1', opensearchUrl: `http://127.0.0.1:${port}` } as AppConfig['aws'];
      const index = await createOpenSearchSearchIndex(aws, { indexPrefix: 'local' });

      await expect(index.autocomplete('acme', 'za', 5)).resolves.toEqual([]);

      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/local-products-acme/_search' });
      expect(seen[0].headers.authorization).toBeUndefined();
      expect(seen[0].headers['x-amz-date']).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('signs requests to an https:// domain with SigV4 for the es service', async () => {
    const keys = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    const saved = Object.fromEntries(Object.keys(keys).map((key) => [key, process.env[key]]));
    Object.assign(process.env, keys);
    // The TLS socket is replaced, not the client: the request is signed as it would leave.
    const sent: RequestOptions[] = [];
    const request = jest.spyOn(https, 'request').mockImplementation(((options: RequestOptions) => {
      sent.push(options);
      const fake = Object.assign(new EventEmitter(), { setNoDelay: () => undefined, abort: () => undefined });
      const body = Buffer.from(JSON.stringify({ error: { type: 'index_not_found_exception' }, status: 404 }));
      const response = Object.assign(Readable.from([body], { objectMode: false }), {
        statusCode: 404,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      });
      return Object.assign(fake, { end: () => setImmediate(() => fake.emit('response', response)) });
    }) as unknown as typeof https.request);
    try {
      const domain = 'https://search-mercantil-abc123.eu-west-1.es.amazonaws.com';
      const index = await createOpenSearchSearchIndex({ region: 'eu-west-1', opensearchUrl: domain } as AppConfig['aws'], { indexPrefix: 'mercantil' });

      await expect(index.autocomplete('acme', 'za', 5)).resolves.toEqual([]);

      expect(sent).toHaveLength(1);
      expect(sent[0].path).toBe('/mercantil-products-acme/_search');
      expect(String((sent[0].headers as Record<string, unknown>).Authorization)).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request, SignedHeaders=.*host.*x-amz-content-sha256.*, Signature=[0-9a-f]{64}$/,
      );
    } finally {
      request.mockRestore();
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('needs an endpoint', async () => {
    await expect(createOpenSearchSearchIndex({ region: 'eu-west-1' } as AppConfig['aws'], { indexPrefix: 'x' })).rejects.toThrow(/OPENSEARCH_URL/);
  });
});
