import { currentTraceId, mintTraceId, runWithTraceId, traceIdFromHeaders, xrayTraceHeader } from './trace-context';

describe('trace context', () => {
  it('takes the trace id from traceparent first, then X-Amzn-Trace-Id, then X-Request-Id', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const amzn = 'Self=1-5759e988-aaaaaaaaaaaaaaaaaaaaaaaa;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    expect(traceIdFromHeaders({ traceparent, 'x-amzn-trace-id': amzn, 'x-request-id': 'req-1' })).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdFromHeaders({ 'x-amzn-trace-id': amzn, 'x-request-id': 'req-1' })).toBe('5759e988bd862e3fe1be46a994272793');
    expect(traceIdFromHeaders({ 'x-request-id': 'req-1' })).toBe('req-1');
    expect(traceIdFromHeaders({})).toBeUndefined();
  });

  it('ignores malformed headers and the all-zero W3C trace id', () => {
    expect(traceIdFromHeaders({ traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' })).toBeUndefined();
    expect(traceIdFromHeaders({ traceparent: 'garbage', 'x-amzn-trace-id': 'Root=nope', 'x-request-id': 'has spaces\n' })).toBeUndefined();
  });

  it('carries the id through awaits and keeps concurrent scopes apart', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((id) =>
        runWithTraceId(id, async () => {
          await new Promise((r) => setTimeout(r, 5));
          return currentTraceId();
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(currentTraceId()).toBeUndefined();
  });

  it('mints W3C-shaped ids that convert to an X-Ray root', () => {
    const id = mintTraceId();
    expect(id).toMatch(/^[\da-f]{32}$/);
    expect(xrayTraceHeader(id)).toBe(`Root=1-${id.slice(0, 8)}-${id.slice(8)}`);
    expect(traceIdFromHeaders({ 'x-amzn-trace-id': xrayTraceHeader(id) })).toBe(id);
    expect(xrayTraceHeader('req-1')).toBeUndefined();
  });
});
