import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { OutboxNotifier } from '../../src/infrastructure/notifications/outbox-notifier.adapter';
import { startSmtpSink } from '../support/smtp-sink';
import { createTestDatabase } from '../support/test-database';
import { Delivery, describeNotifierContract, notification } from './notifier.contract';

const backend = process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite';
const FROM = 'Mercantil <orders@mercantil.test>';

const header = (eml: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(eml)?.[1] ?? '';

async function emlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return Promise.all(names.filter((f) => f.endsWith('.eml')).map((f) => readFile(join(dir, f), 'utf8')));
}

async function openOutbox(smtpUrl?: string) {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  const outboxDir = join(database.dataDir, 'outbox');
  const notifier = new OutboxNotifier(db.dataSource, { outboxDir, from: FROM, smtp: smtpUrl ? createTransport(smtpUrl) : undefined });
  return {
    notifier,
    db: db.dataSource,
    outboxDir,
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}

describeNotifierContract(`outbox (.eml files) on ${backend}`, async () => {
  const outbox = await openOutbox();
  return {
    ...outbox,
    deliveries: async () =>
      (await emlFiles(outbox.outboxDir)).map((eml): Delivery => ({ to: header(eml, 'To'), subject: header(eml, 'Subject'), body: eml })),
  };
}, false);

describeNotifierContract(`outbox relayed over SMTP on ${backend}`, async () => {
  const sink = await startSmtpSink();
  const outbox = await openOutbox(sink.url);
  return {
    ...outbox,
    deliveries: async () => sink.received.map((m): Delivery => ({ to: m.to.join(','), subject: header(m.data, 'Subject'), body: m.data })),
    failNextDelivery: () => sink.refuseNext(),
    close: async () => {
      await outbox.close();
      await sink.close();
    },
  };
}, true);

describe(`Outbox notifier specifics on ${backend}`, () => {
  let outbox: Awaited<ReturnType<typeof openOutbox>>;
  const rowOf = async (db: DataSource, id: string) =>
    (await db.query(`SELECT status, error, location, channel FROM notification_outbox WHERE notification_id = $1`, [id]))[0];

  beforeAll(async () => (outbox = await openOutbox()));
  afterAll(() => outbox?.close());

  it('writes an RFC 5322 message with plain-text and HTML alternatives, and records it as written', async () => {
    const n = notification({ text: 'Hola Ana Pérez, tu pedido está en camino.', html: '<p>Hola <b>Ana Pérez</b></p>' });
    const { notificationId } = await outbox.notifier.send(n);
    const eml = await readFile(join(outbox.outboxDir, `${notificationId}.eml`), 'utf8');
    expect(header(eml, 'From')).toBe(FROM);
    expect(header(eml, 'To')).toBe('ana@example.com');
    expect(header(eml, 'Subject')).toBe(n.subject);
    expect(header(eml, 'Message-ID')).toBe(`<${notificationId}@mercantil.local>`);
    expect(header(eml, 'Date')).not.toBe('');
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;\s+boundary=/m);
    expect(eml).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(eml).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(eml).toContain('P=C3=A9rez'); // quoted-printable keeps the non-ASCII text exact
    expect(await rowOf(outbox.db, notificationId)).toEqual({
      status: 'written',
      error: null,
      location: join(outbox.outboxDir, `${notificationId}.eml`),
      channel: 'outbox',
    });
  });

  it('records a failed SMTP delivery with its error, then the successful retry as sent', async () => {
    const sink = await startSmtpSink();
    const relayed = new OutboxNotifier(outbox.db, { outboxDir: outbox.outboxDir, from: FROM, smtp: createTransport(sink.url) });
    try {
      const n = notification();
      sink.refuseNext();
      await expect(relayed.send(n)).rejects.toThrow(/451/);
      const [{ notification_id: id }] = await outbox.db.query(`SELECT notification_id FROM notification_outbox WHERE idempotency_key = $1`, [n.idempotencyKey]);
      expect(await rowOf(outbox.db, id)).toMatchObject({ status: 'failed', error: expect.stringContaining('451') });
      await relayed.send(n);
      expect(await rowOf(outbox.db, id)).toMatchObject({ status: 'sent', error: null });
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]).toMatchObject({ from: 'orders@mercantil.test', to: ['ana@example.com'] });
    } finally {
      await sink.close();
    }
  });
});
