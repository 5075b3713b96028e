import type { ChangeEvent } from '../../common/change-feed/change-event';
import type { OutboxChange } from './change-outbox';
import { toChangeMessages } from './change-messages';

const entry = (id: number, tenantId: string, key: string, padding = 0): OutboxChange => ({
  id: String(id),
  change: {
    changeId: `product:${tenantId}:${key}:${id}`,
    tenantId,
    entity: 'product',
    key,
    version: id,
    op: 'upsert',
    occurredAt: '2026-01-01T00:00:00.000Z',
    data: { name: 'x'.repeat(padding) },
  } satisfies ChangeEvent,
});

describe('toChangeMessages', () => {
  it('groups by tenant in id order, with the id range as deduplication id', () => {
    const messages = toChangeMessages([entry(1, 'a', 'k1'), entry(2, 'b', 'k1'), entry(3, 'a', 'k2'), entry(4, 'a', 'k1')]);
    expect(messages.map((m) => [m.tenantId, m.deduplicationId, m.body.changes.map((c) => c.version)])).toEqual([
      ['a', 'changes:1-4', [1, 3, 4]],
      ['b', 'changes:2-2', [2]],
    ]);
  });

  it('splits a tenant into messages under the byte limit, keeping order; an oversized change goes alone', () => {
    const changes = [entry(1, 'a', 'k', 300), entry(2, 'a', 'k', 300), entry(3, 'a', 'k', 300), entry(4, 'a', 'k', 3000), entry(5, 'a', 'k')];
    const messages = toChangeMessages(changes, 1000);
    expect(messages.map((m) => m.body.changes.map((c) => c.version))).toEqual([[1, 2], [3], [4], [5]]);
    for (const m of messages.filter((m) => m.body.changes.length > 1)) expect(Buffer.byteLength(JSON.stringify(m.body))).toBeLessThanOrEqual(1000);
    expect(messages.map((m) => m.deduplicationId)).toEqual(['changes:1-2', 'changes:3-3', 'changes:4-4', 'changes:5-5']);
  });
});
