import type { ChangeEvent } from '../../common/change-feed/change-event';
import type { OutboxChange } from './change-outbox';

/** What a subscriber queue message carries. */
export interface ChangeBatchBody {
  changes: ChangeEvent[];
}

export interface ChangeMessage {
  tenantId: string;
  body: ChangeBatchBody;
  /** From the outbox ids it carries: a re-sent batch (after a relay crash) keeps its id. */
  deduplicationId: string;
}

/** Below SQS's 256 KB message limit, with room for attributes and the envelope. */
export const MAX_MESSAGE_BYTES = 200_000;

/**
 * Splits outbox changes (in id order) into messages of one tenant each, in id order and
 * under `maxBytes` of JSON; a single change larger than that goes alone. A tenant's
 * messages keep its order; different tenants are independent groups.
 */
export function toChangeMessages(changes: readonly OutboxChange[], maxBytes = MAX_MESSAGE_BYTES): ChangeMessage[] {
  const byTenant = new Map<string, OutboxChange[]>();
  for (const entry of changes) {
    const entries = byTenant.get(entry.change.tenantId);
    if (entries) entries.push(entry);
    else byTenant.set(entry.change.tenantId, [entry]);
  }
  const messages: ChangeMessage[] = [];
  const envelope = Buffer.byteLength(JSON.stringify({ changes: [] }));
  for (const [tenantId, entries] of byTenant) {
    let chunk: OutboxChange[] = [];
    let bytes = envelope;
    const flush = () => {
      if (chunk.length === 0) return;
      const deduplicationId = `changes:${chunk[0].id}-${chunk[chunk.length - 1].id}`;
      messages.push({ tenantId, body: { changes: chunk.map((c) => c.change) }, deduplicationId });
      chunk = [];
      bytes = envelope;
    };
    for (const entry of entries) {
      const size = Buffer.byteLength(JSON.stringify(entry.change)) + 1; // and its comma
      if (bytes + size > maxBytes) flush();
      chunk.push(entry);
      bytes += size;
    }
    flush();
  }
  return messages;
}
