import type { PGlite } from '@electric-sql/pglite';
import type { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { serialize } from 'pg-protocol';

type Message = Parameters<typeof serialize.parse>[0];

/**
 * Makes PGlite's node-postgres connection hand PGlite each extended-protocol pipeline (parse,
 * bind, describe, execute … up to sync) in one piece, as a socket would. Out of the box it sends
 * every message on its own; when a parameterised statement fails, PGlite then answers the rest of
 * the pipeline out of step with node-postgres, and the next queries on the only connection fail
 * ("Connection terminated unexpectedly"), so one constraint violation could take the embedded
 * database down with it.
 */
export function pipelineExtendedProtocol(connection: PglitePgConnection, pglite: PGlite): void {
  let pending: Buffer[] = [];
  let sent: Promise<void> = Promise.resolve();
  const send = (bytes: Buffer) => {
    sent = sent
      .then(() => pglite.execProtocolStream(new Uint8Array(bytes), { throwOnError: false }))
      .then((messages) => {
        for (const message of messages) {
          if (connection.listenerCount('message') > 0) connection.emit('message', message);
          connection.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
        }
      })
      .catch((error: unknown) => {
        connection.emit('error', error);
      });
  };
  const queue = (bytes: Buffer) => {
    pending.push(bytes);
  };
  const flushPending = (last: Buffer) => {
    const bytes = Buffer.concat([...pending, last]);
    pending = [];
    send(bytes);
  };
  Object.assign(connection, {
    query: (text: string) => send(serialize.query(text)),
    parse: (query: Message) => queue(serialize.parse(query)),
    bind: (config: Parameters<typeof serialize.bind>[0]) => queue(serialize.bind(config)),
    describe: (msg: Parameters<typeof serialize.describe>[0]) => queue(serialize.describe(msg)),
    execute: (config: Parameters<typeof serialize.execute>[0]) => queue(serialize.execute(config)),
    close: (msg: Parameters<typeof serialize.close>[0]) => queue(serialize.close(msg)),
    flush: () => flushPending(serialize.flush()),
    sync: () => flushPending(serialize.sync()),
  });
}
