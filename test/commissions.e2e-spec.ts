import { CommandBus } from '@nestjs/cqrs';
import { CalculateInvoiceCommissionsCommand, CommissionCurrencyMismatchError, InvoiceLineForCommission } from '../src/modules/commissions';
import { startTestApp, TestApp } from './support/test-app';

const TIERS = [
  { from: '0', to: '10000', rate: '3' },
  { from: '10000', to: '50000', rate: '4' },
  { from: '50000', rate: '5' },
];
const agreementBody = (over: Record<string, unknown> = {}) => ({
  supplierId: 'sup-1',
  currency: 'EUR',
  validFrom: '2025-01-01',
  rules: [
    { kind: 'tiered-percentage', tiers: TIERS },
    { kind: 'percentage', category: 'oils', rate: '2.5' },
    { kind: 'fixed-per-unit', sku: 'ACEITE-500', amountPerUnit: '0.10' },
  ],
  ...over,
});
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('Commissions (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  let otherTenant: string;
  let bus: CommandBus;

  beforeAll(async () => {
    t = await startTestApp({}, { worker: false });
    admin = `Bearer ${await t.token({ tenantId: 't1', sub: 'boss', groups: ['admin'] })}`;
    member = `Bearer ${await t.token({ tenantId: 't1', sub: 'clerk', groups: [] })}`;
    otherTenant = `Bearer ${await t.token({ tenantId: 't2', sub: 'boss2', groups: ['admin'] })}`;
    bus = t.app.get(CommandBus);
  });
  afterAll(async () => t?.close());

  const post = (body: object, auth = admin) => t.http().post('/v1/commissions/agreements').set('Authorization', auth).send(body);
  const statement = (supplierId: string, period: string, auth = admin) =>
    t.http().get(`/v1/commissions/statements?supplierId=${supplierId}&period=${period}`).set('Authorization', auth);
  const calculate = (tenantId: string, supplierId: string, invoiceId: string, invoiceDate: string, lines: InvoiceLineForCommission[], currency = 'EUR') =>
    bus.execute(new CalculateInvoiceCommissionsCommand(tenantId, supplierId, invoiceId, invoiceDate, currency, lines));

  describe('agreements', () => {
    it('creates, reads, lists, updates over the version and ends an agreement', async () => {
      const created = await post(agreementBody({ supplierId: 'crud' }));
      expect(created.status).toBe(201);
      const id = created.body.agreementId;
      expect(created.headers.location).toBe(`/v1/commissions/agreements/${id}`);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({ supplierId: 'crud', status: 'active', validTo: null, version: 1 });
      expect(created.body.rules.map((r: { kind: string }) => r.kind)).toEqual(['tiered-percentage', 'percentage', 'fixed-per-unit']);
      expect(created.body.rules[0].tiers).toEqual([
        { from: '0.00', to: '10000.00', rate: '3' },
        { from: '10000.00', to: '50000.00', rate: '4' },
        { from: '50000.00', to: null, rate: '5' },
      ]);
      expect(created.body.rules[2].amountPerUnit).toBe('0.10');
      expect(created.body).not.toHaveProperty('tenantId');

      const read = await t.http().get(`/v1/commissions/agreements/${id}`).set('Authorization', member);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const list = await t.http().get('/v1/commissions/agreements?supplierId=crud').set('Authorization', member);
      expect(list.body.items.map((a: { agreementId: string }) => a.agreementId)).toEqual([id]);

      const keptRule = created.body.rules[1].ruleId;
      const update = { currency: 'EUR', validFrom: '2025-01-01', validTo: '2030-12-31', rules: [{ ruleId: keptRule, kind: 'percentage', category: 'oils', rate: 3 }] };
      const updated = await t.http().put(`/v1/commissions/agreements/${id}`).set('Authorization', admin).set('If-Match', '"1"').send(update);
      expect(updated.status).toBe(200);
      expect(updated.headers.etag).toBe('"2"');
      expect(updated.body).toMatchObject({ validTo: '2030-12-31', version: 2, rules: [{ ruleId: keptRule, rate: '3', category: 'oils', sku: null }] });

      const staleHeader = await t.http().put(`/v1/commissions/agreements/${id}`).set('Authorization', admin).set('If-Match', '"1"').send(update);
      expect(staleHeader.status).toBe(412);
      const staleBody = await t.http().put(`/v1/commissions/agreements/${id}`).set('Authorization', admin).send({ ...update, version: 1 });
      expect(staleBody.status).toBe(409);

      const ended = await t.http().delete(`/v1/commissions/agreements/${id}`).set('Authorization', admin);
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ status: 'ended', validTo: yesterday(), version: 3 });
      expect((await t.http().put(`/v1/commissions/agreements/${id}`).set('Authorization', admin).send(update)).status).toBe(409);
      expect((await t.http().get(`/v1/commissions/agreements/${id}`).set('Authorization', member)).body.status).toBe('ended');
    });

    it.each([
      ['tiers with a gap', { rules: [{ kind: 'tiered-percentage', tiers: [{ from: '0', to: '100', rate: '1' }, { from: '200', rate: '2' }] }] }, 'rules.0'],
      ['tiers not starting at 0', { rules: [{ kind: 'tiered-percentage', tiers: [{ from: '5', rate: '1' }] }] }, 'rules.0'],
      ['a rate above 100', { rules: [{ kind: 'percentage', rate: '100.5' }] }, 'rules.0.rate'],
      ['a rate with 5 decimals', { rules: [{ kind: 'percentage', rate: '1.00001' }] }, 'rules.0.rate'],
      ['a negative amount per unit', { rules: [{ kind: 'fixed-per-unit', amountPerUnit: '-1' }] }, 'rules.0.amountPerUnit'],
      ['a field of another kind', { rules: [{ kind: 'percentage', rate: '1', amountPerUnit: '1' }] }, 'rules.0'],
      ['a percentage without rate', { rules: [{ kind: 'percentage' }] }, 'rules.0'],
      ['both sku and category', { rules: [{ kind: 'percentage', rate: '1', sku: 'A', category: 'B' }] }, 'rules.0'],
      ['an unknown kind', { rules: [{ kind: 'bonus', rate: '1' }] }, 'rules.0.kind'],
      ['validTo before validFrom', { validTo: '2024-12-31' }, 'validTo'],
      ['an impossible date', { validFrom: '2025-02-30' }, 'validFrom'],
      ['an unknown field', { discount: '1' }, 'discount'],
      ['a foreign rule id', { rules: [{ ruleId: '00000000-0000-4000-8000-000000000000', kind: 'percentage', rate: '1' }] }, 'rules.0'],
    ])('refuses %s with 400 naming the field', async (_name, over, field) => {
      const res = await post(agreementBody({ supplierId: 'invalid', ...over }));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('refuses an agreement overlapping another of the same supplier with 409, not one that follows it', async () => {
      expect((await post(agreementBody({ supplierId: 'overlap', validTo: '2025-06-30' }))).status).toBe(201);
      const clash = await post(agreementBody({ supplierId: 'overlap', validFrom: '2025-06-30' }));
      expect(clash.status).toBe(409);
      expect(clash.body.message).toMatch(/already has agreement/);
      expect((await post(agreementBody({ supplierId: 'overlap', validFrom: '2025-07-01' }))).status).toBe(201);
      expect((await post(agreementBody({ supplierId: 'overlap-other', validFrom: '2025-06-30' }))).status).toBe(201);
    });

    it('only lets admins write (403), while members read', async () => {
      const created = await post(agreementBody({ supplierId: 'rbac' }));
      const id = created.body.agreementId;
      expect((await post(agreementBody({ supplierId: 'rbac-2' }), member)).status).toBe(403);
      expect((await t.http().put(`/v1/commissions/agreements/${id}`).set('Authorization', member).send(agreementBody())).status).toBe(403);
      expect((await t.http().delete(`/v1/commissions/agreements/${id}`).set('Authorization', member)).status).toBe(403);
      expect((await t.http().get(`/v1/commissions/agreements/${id}`).set('Authorization', member)).body.status).toBe('active');
      expect((await t.http().get(`/v1/commissions/agreements/${id}`)).status).toBe(401);
    });
  });

  describe('calculation and statements', () => {
    beforeAll(async () => {
      expect((await post(agreementBody())).status).toBe(201);
    });

    const invoiceA: InvoiceLineForCommission[] = [
      { lineId: 'a1', sku: 'ACEITE-500', category: 'oils', quantity: 100, lineTotal: '435.00' },
      { lineId: 'a2', sku: 'VINAGRE', category: 'oils', quantity: 10, lineTotal: '1000.00' },
      { lineId: 'a3', sku: 'RIOJA', category: 'wine', quantity: 700, lineTotal: '7000.00' },
    ];
    const invoiceB: InvoiceLineForCommission[] = [{ lineId: 'b1', sku: 'RIOJA', category: 'wine', quantity: 400, lineTotal: '4000.00' }];

    it('applies the most specific rule per line, the tier of the month so far, and recomputes without double counting', async () => {
      const a = await calculate('t1', 'sup-1', 'inv-A', '2025-03-05', invoiceA);
      expect(a.lines).toEqual([
        expect.objectContaining({ lineId: 'a1', ruleKind: 'fixed-per-unit', amount: '10.00', amountPerUnit: '0.10' }),
        expect.objectContaining({ lineId: 'a2', ruleKind: 'percentage', amount: '25.00', rate: '2.5' }),
        expect.objectContaining({ lineId: 'a3', ruleKind: 'tiered-percentage', amount: '210.00', rate: '3' }),
      ]);
      expect(a).toMatchObject({ total: '245.00', monthVolume: '8435.00', currency: 'EUR' });

      const b = await calculate('t1', 'sup-1', 'inv-B', '2025-03-20T09:30:00Z', invoiceB);
      expect(b).toMatchObject({ total: '160.00', monthVolume: '12435.00' });

      // inv-A again: its own 8,435 is replaced, not added (12,435, not 20,870), and it now earns the 4% tier.
      const again = await calculate('t1', 'sup-1', 'inv-A', '2025-03-05', invoiceA);
      expect(again).toMatchObject({ total: '315.00', monthVolume: '12435.00' });
      expect(await calculate('t1', 'sup-1', 'inv-B', '2025-03-20', invoiceB)).toMatchObject({ total: '160.00', monthVolume: '12435.00' });

      const res = await statement('sup-1', '2025-03', member);
      expect(res.status).toBe(200);
      expect(res.body.lines.map((l: { invoiceId: string; lineId: string }) => `${l.invoiceId}/${l.lineId}`)).toEqual(['inv-A/a1', 'inv-A/a2', 'inv-A/a3', 'inv-B/b1']);
      expect(res.body).toMatchObject({
        supplierId: 'sup-1',
        period: '2025-03',
        currency: 'EUR',
        total: '475.00',
        volume: '12435.00',
        totalsByRuleKind: { 'fixed-per-unit': '10.00', percentage: '25.00', 'tiered-percentage': '440.00', none: '0.00' },
        tiersReached: [expect.objectContaining({ from: '10000.00', to: '50000.00', rate: '4' })],
      });
      expect(res.body.lines[0]).toMatchObject({ invoiceDate: '2025-03-05', sku: 'ACEITE-500', quantity: '100', lineTotal: '435.00', amount: '10.00' });
    });

    it('serialises concurrent calculations of one supplier: each sees the volume of those before it', async () => {
      const invoices = Array.from({ length: 8 }, (_, i) => i + 1);
      const results = await Promise.all(
        invoices.map((i) => calculate('t1', 'sup-1', `inv-C${i}`, '2025-05-02', [{ lineId: 'c', sku: null, category: 'wine', quantity: 1, lineTotal: '2000' }])),
      );
      const volumes = results.map((r) => Number(r.monthVolume)).sort((a, b) => a - b);
      expect(volumes).toEqual(invoices.map((i) => i * 2000));
      expect((await statement('sup-1', '2025-05')).body).toMatchObject({ volume: '16000.00', tiersReached: [expect.objectContaining({ rate: '4' })] });
    });

    it('refuses an invoice in another currency than the agreement and stores nothing', async () => {
      await expect(calculate('t1', 'sup-1', 'inv-USD', '2025-04-02', invoiceB, 'USD')).rejects.toThrow(CommissionCurrencyMismatchError);
      expect((await statement('sup-1', '2025-04')).body.lines).toEqual([]);
    });

    it('gives ruleKind none and 0 to lines of a supplier without agreement', async () => {
      const result = await calculate('t1', 'no-agreement', 'inv-N', '2025-03-01', invoiceB);
      expect(result).toMatchObject({ total: '0.00', lines: [{ lineId: 'b1', ruleKind: 'none', amount: '0.00', ruleId: null, agreementId: null }] });
    });

    it('keeps applying an ended agreement to invoices dated before it ended', async () => {
      const created = await post(agreementBody({ supplierId: 'sup-end', rules: [{ kind: 'percentage', rate: '10' }] }));
      await t.http().delete(`/v1/commissions/agreements/${created.body.agreementId}`).set('Authorization', admin).expect(200);
      expect((await calculate('t1', 'sup-end', 'inv-old', '2025-03-01', invoiceB)).total).toBe('400.00');
      const today = new Date().toISOString().slice(0, 10);
      expect((await calculate('t1', 'sup-end', 'inv-new', today, invoiceB)).lines[0].ruleKind).toBe('none');
    });

    it('returns the statement as CSV for Accept: text/csv and ?format=csv', async () => {
      const viaAccept = await statement('sup-1', '2025-03').set('Accept', 'text/csv');
      expect(viaAccept.status).toBe(200);
      expect(viaAccept.headers['content-type']).toMatch(/^text\/csv/);
      const rows = viaAccept.text.trim().split('\r\n').map((r) => r.split(','));
      expect(rows[0].slice(0, 4)).toEqual(['record', 'invoiceId', 'invoiceDate', 'lineId']);
      expect(rows.filter((r) => r[0] === 'line')).toHaveLength(4);
      expect(rows[1]).toEqual(expect.arrayContaining(['line', 'inv-A', '2025-03-05', 'a1', 'ACEITE-500', '10.00', 'fixed-per-unit']));
      expect(rows[rows.length - 1]).toEqual(['total', '', '', '', '', '', '', '12435.00', 'EUR', '475.00', '', '', '', '', '']);
      const viaQuery = await t.http().get('/v1/commissions/statements?supplierId=sup-1&period=2025-03&format=csv').set('Authorization', admin);
      expect(viaQuery.text).toBe(viaAccept.text);
    });

    it('validates the statement query', async () => {
      expect((await statement('sup-1', '2025-13')).status).toBe(400);
      expect((await t.http().get('/v1/commissions/statements?period=2025-03').set('Authorization', admin)).status).toBe(400);
    });

    it('never shows another tenant’s agreements or commissions, nor counts its volume', async () => {
      const mine = (await t.http().get('/v1/commissions/agreements?supplierId=sup-1').set('Authorization', admin)).body.items[0];
      expect((await t.http().get(`/v1/commissions/agreements/${mine.agreementId}`).set('Authorization', otherTenant)).status).toBe(404);
      expect((await t.http().get('/v1/commissions/agreements?supplierId=sup-1').set('Authorization', otherTenant)).body.items).toEqual([]);
      expect((await t.http().delete(`/v1/commissions/agreements/${mine.agreementId}`).set('Authorization', otherTenant)).status).toBe(404);
      expect((await statement('sup-1', '2025-03', otherTenant)).body).toMatchObject({ lines: [], total: '0.00', volume: '0.00' });

      // Same supplier id and dates in t2: its own agreement may overlap t1's, and t1's volume is not its volume.
      expect((await post(agreementBody(), otherTenant)).status).toBe(201);
      const theirs = await calculate('t2', 'sup-1', 'inv-B', '2025-03-20', invoiceB);
      expect(theirs).toMatchObject({ monthVolume: '4000.00', total: '120.00' });
      expect((await statement('sup-1', '2025-03')).body.total).toBe('475.00');
    });
  });
});
